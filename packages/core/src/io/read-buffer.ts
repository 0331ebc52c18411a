import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads whole files into one buffer, reused and grown to the largest file: what a read returns is valid
 * until the next read. A buffer per file (over 200,000 of them at 100,000 evidence records) left the
 * process holding ~100 MB of freed buffers it never gave back, and in the zip a new one per file kept
 * the large files' bytes beside fflate's own copies until V8 next freed external memory.
 */
export class ReadBuffer {
  private buffer: Buffer;

  constructor(size = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** The `size` bytes of the file open as `fd` (fewer, if it shrank since its size was taken). */
  readOpen(fd: number, size: number): Uint8Array {
    if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
    let length = 0;
    while (length < size) {
      const n = readSync(fd, this.buffer, length, size - length, length);
      if (n === 0) break;
      length += n;
    }
    return this.buffer.subarray(0, length);
  }

  /** readOpen for a path. */
  read(path: string, size: number): Uint8Array {
    const fd = openSync(path, 'r');
    try {
      return this.readOpen(fd, size);
    } finally {
      closeSync(fd);
    }
  }
}
