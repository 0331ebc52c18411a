#!/usr/bin/env bash
# The pull-request compliance job: what .github/workflows/compliance-pr.yml runs, and `command: pr` of the
# composite action (packages/github/action.yml). The tests run this very file (src/workflows.test.ts).
#
#  1. `trustops check --format github --base BASE`: annotations on the changed lines (stdout, where GitHub
#     reads workflow commands); its exit status is the gate.
#  2. `trustops check --format sarif --base BASE`: $TRUSTOPS_OUT/trustops.sarif, for the artifact and, when
#     turned on, code scanning.
#  3. `trustops changelog BASE`: $TRUSTOPS_OUT/changelog.md (controls, coverage, SSRM, vendors, policies,
#     evidence, readiness before and after).
#  4. `trustops github pr-comment`: the sticky comment. It appends the full report to $GITHUB_STEP_SUMMARY
#     and writes it to $TRUSTOPS_OUT/report.md. TRUSTOPS_COMMENT=post creates or updates the comment
#     (GITHUB_TOKEN with pull-requests: write); body-only writes the body to $TRUSTOPS_OUT/comment/comment.md
#     and the pull request's number to $TRUSTOPS_OUT/comment/pr-number and calls no API (a fork's read-only
#     token: compliance-comment.yml posts them); none skips it.
#  5. A line with the gate's verdict in $GITHUB_STEP_SUMMARY.
#
# Every step runs even when an earlier one fails, so the comment is there when the gate fails. The exit
# status is the gate's (0 passed, 1 findings reach gate.fail_on, 2 usage, 3 internal), or, when the gate
# passed, 3 if a later step failed.
#
# Environment (all optional except where said):
#   TRUSTOPS_CLI, TRUSTOPS_BUNDLE  which trustops runs (see cli.sh); default: node <this repository>/packages/cli/bin/trustops.js
#   TRUSTOPS_REPO     the compliance repository; default: the current directory
#   TRUSTOPS_BASE     the revision to compare with; default: pull_request.base.sha from $GITHUB_EVENT_PATH
#   TRUSTOPS_PR       the pull request's number; default: pull_request.number from $GITHUB_EVENT_PATH
#   TRUSTOPS_OUT      where the reports go; default: trustops-out
#   TRUSTOPS_COMMENT  post | body-only | none; default: post
#   TRUSTOPS_MORE_AT  where else every finding can be read, named in the annotation that closes when there
#                     are more than GitHub shows (10 per severity); default: "the job summary"
#   TRUSTOPS_TODAY, TRUSTOPS_ACKNOWLEDGE, GITHUB_*: passed on to trustops as they are
set -uo pipefail

# shellcheck source=cli.sh
source "$(dirname "${BASH_SOURCE[0]}")/cli.sh"
repo=${TRUSTOPS_REPO:-.}
out=${TRUSTOPS_OUT:-trustops-out}
mode=${TRUSTOPS_COMMENT:-post}

fail() {
  echo "::error title=trustops::$*"
  exit 2
}

case "$mode" in
  post | body-only | none) ;;
  *) fail "TRUSTOPS_COMMENT must be post, body-only or none" ;;
esac

# A value from the event payload (JSON, read with node: no jq needed), or nothing.
event_value() {
  [[ -n "${GITHUB_EVENT_PATH:-}" && -f "$GITHUB_EVENT_PATH" ]] || return 0
  node -e '
    const event = JSON.parse(require("node:fs").readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"));
    const value = process.argv[1].split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), event);
    if (typeof value === "string" || typeof value === "number") process.stdout.write(String(value));
  ' "$1"
}

base=${TRUSTOPS_BASE:-$(event_value pull_request.base.sha)}
pr=${TRUSTOPS_PR:-$(event_value pull_request.number)}
[[ -n "$base" ]] || fail "no base revision: set TRUSTOPS_BASE, or run on a pull_request event"
[[ "$base" != -* && "$base" != *[[:space:]]* ]] || fail "TRUSTOPS_BASE is not a revision"
if [[ "$mode" == body-only ]] && ! [[ "$pr" =~ ^[1-9][0-9]{0,8}$ ]]; then
  fail "no pull request number: set TRUSTOPS_PR, or run on a pull_request event"
fi

mkdir -p "$out" || fail "cannot create $out"
trustops() { "${cli[@]}" "$@" --repo "$repo"; }

# 1. The gate, with annotations.
echo "::group::trustops check --base $base"
trustops check --format github --base "$base" --more-at "${TRUSTOPS_MORE_AT:-the job summary}"
gate=$?
echo "::endgroup::"

# 2. SARIF (exit 1 is the gate again; only 2 and 3 are failures here).
later=0
trustops check --format sarif --output "$out/trustops.sarif" --base "$base"
status=$?
if ((status > 1)); then later=$status; echo "::error title=trustops::the SARIF report failed (exit $status)"; fi

# 3. The changelog base..head with the readiness delta.
if ! trustops changelog "$base" --format markdown --output "$out/changelog.md"; then
  later=3
  echo "::error title=trustops::the changelog failed"
fi

# 4. The comment (and the full report in the job summary).
case "$mode" in
  post)
    if ! trustops github pr-comment --base "$base" --summary "$out/report.md"; then
      later=3
      echo "::error title=trustops::the pull-request comment could not be posted"
    fi
    ;;
  body-only)
    mkdir -p "$out/comment"
    if trustops github pr-comment --body-only --base "$base" --summary "$out/report.md" >"$out/comment/comment.md"; then
      printf '%s\n' "$pr" >"$out/comment/pr-number"
    else
      rm -rf "$out/comment"
      later=3
      echo "::error title=trustops::the pull-request comment could not be built"
    fi
    ;;
esac

# 5. The verdict, last in the job summary.
case "$gate" in
  0) verdict="✅ the compliance gate passed" ;;
  1) verdict="❌ the compliance gate failed: findings reach gate.fail_on (see the annotations)" ;;
  *) verdict="❌ trustops check could not run (exit $gate)" ;;
esac
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  printf '\n---\n\n**Gate:** %s.\n' "$verdict" >>"$GITHUB_STEP_SUMMARY"
fi
echo "trustops: $verdict"

if ((gate != 0)); then exit "$gate"; fi
exit "$later"
