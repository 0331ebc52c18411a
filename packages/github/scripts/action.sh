#!/usr/bin/env bash
# The entry point of the composite action (packages/github/action.yml); the action's inputs arrive as
# environment variables, never spliced into the script.
#
#   TRUSTOPS_COMMAND  check | pr | pr-comment | release
#     check       the gate with annotations (--base when TRUSTOPS_BASE is set) and $TRUSTOPS_OUT/trustops.sarif
#     pr          the whole pull-request job: pr-check.sh (gate, SARIF, changelog, comment, job summary)
#     pr-comment  only the sticky comment (TRUSTOPS_COMMENT=body-only: the body in $TRUSTOPS_OUT/comment/)
#     release     the audit packet (packet --zip --out $TRUSTOPS_OUT/packet), then `trustops github release`
#   TRUSTOPS_REPO, TRUSTOPS_BASE, TRUSTOPS_OUT, TRUSTOPS_COMMENT: as in pr-check.sh
#   TRUSTOPS_CLI      as in cli.sh; default: the committed bundle (TRUSTOPS_BUNDLE=1), so that the caller's job
#                     installs and builds nothing
# Writes `out`, `sarif` and `packet` to $GITHUB_OUTPUT when it is set. Exits with the command's status.
set -uo pipefail

# Exported: pr-check.sh, run for `pr`, picks the same CLI.
export TRUSTOPS_BUNDLE=${TRUSTOPS_BUNDLE:-1}
# shellcheck source=cli.sh
source "$(dirname "${BASH_SOURCE[0]}")/cli.sh"
repo=${TRUSTOPS_REPO:-.}
out=${TRUSTOPS_OUT:-trustops-out}
base=${TRUSTOPS_BASE:-}
mkdir -p "$out"

output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}
output out "$out"

if [[ -n "$base" && ( "$base" == -* || "$base" == *[[:space:]]* ) ]]; then
  echo "::error title=trustops::the base input is not a revision"
  exit 2
fi
base_args=()
if [[ -n "$base" ]]; then base_args=(--base "$base"); fi

case "${TRUSTOPS_COMMAND:-check}" in
  check)
    "${cli[@]}" check --repo "$repo" --format sarif --output "$out/trustops.sarif" "${base_args[@]}"
    sarif=$?
    if ((sarif <= 1)); then output sarif "$out/trustops.sarif"; fi
    "${cli[@]}" check --repo "$repo" --format github "${base_args[@]}" --more-at "$out/trustops.sarif (the action's sarif output)"
    exit $?
    ;;
  pr)
    export TRUSTOPS_MORE_AT=${TRUSTOPS_MORE_AT:-"the job summary and $out/trustops.sarif"}
    exec bash "$script_dir/pr-check.sh"
    ;;
  pr-comment)
    if [[ "${TRUSTOPS_COMMENT:-post}" == body-only ]]; then
      mkdir -p "$out/comment"
      "${cli[@]}" github pr-comment --repo "$repo" --body-only "${base_args[@]}" >"$out/comment/comment.md" || exit $?
      exit 0
    fi
    exec "${cli[@]}" github pr-comment --repo "$repo" "${base_args[@]}"
    ;;
  release)
    "${cli[@]}" packet --repo "$repo" --zip --out "$out/packet" || exit $?
    output packet "$out/packet"
    exec "${cli[@]}" github release --repo "$repo" --packet "$out/packet"
    ;;
  *)
    echo "::error title=trustops::the command input must be check, pr, pr-comment or release"
    exit 2
    ;;
esac
