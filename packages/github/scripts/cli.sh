# Sourced by the scripts beside it: sets `script_dir` and the `cli` array that runs trustops.
#   TRUSTOPS_CLI     the command that runs trustops, split on spaces (paths with spaces are not supported)
#   TRUSTOPS_BUNDLE  1: run the committed bundle, node packages/github/bundle/trustops.mjs (what the composite
#                    action does: it installs and builds nothing)
#   default: node <this repository>/packages/cli/bin/trustops.js (run `pnpm build` first)
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -n "${TRUSTOPS_CLI:-}" ]]; then
  read -r -a cli <<<"$TRUSTOPS_CLI"
elif [[ "${TRUSTOPS_BUNDLE:-}" == 1 ]]; then
  cli=(node "$script_dir/../bundle/trustops.mjs")
else
  cli=(node "$script_dir/../../cli/bin/trustops.js")
fi
