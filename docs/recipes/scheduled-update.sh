#!/usr/bin/env bash
# The scheduled update of docs/maintainers.md ("A scheduled update"): run `kraken-proto update` against
# the live endpoint and, when the tree changed, commit it on a new branch and open a pull request whose
# body is the Markdown diff. Run from the root of a checkout whose .venv/ exists (bash .ci/bootstrap).
#
#   KRAKEN_GRAPHQL_URL    the GraphQL endpoint (required)
#   KRAKEN_GRAPHQL_TOKEN  the token, if the endpoint needs one (read by kraken-proto itself, never echoed)
#   PR_BODY               where the pull request body is written (default: $RUNNER_TEMP or /tmp)
#   UPDATE_BRANCH         the branch to create (default: kraken-proto/update-YYYYMMDD-HHMM, UTC)
#   CREATE_PR             1 (default): push the branch and run `gh pr create`; 0: stop after the commit
#   KRAKEN_PROTO          the command (default: .venv/bin/kraken-proto)
#
# Exit status: 0 when nothing changed or the pull request was opened (or, with CREATE_PR=0, the commit
# made); 1 when the update failed, in which case kraken-proto changed nothing and no branch is made.
set -euo pipefail

: "${KRAKEN_GRAPHQL_URL:?set KRAKEN_GRAPHQL_URL to the GraphQL endpoint}"
kraken_proto=${KRAKEN_PROTO:-.venv/bin/kraken-proto}
body=${PR_BODY:-${RUNNER_TEMP:-/tmp}/kraken-proto-update.md}
branch=${UPDATE_BRANCH:-kraken-proto/update-$(date -u +%Y%m%d-%H%M)}
create_pr=${CREATE_PR:-1}

diff_file=$(mktemp)
trap 'rm -f "$diff_file"' EXIT
status=0
"$kraken_proto" update "$KRAKEN_GRAPHQL_URL" --format markdown >"$diff_file" || status=$?
case $status in
  0)
    echo "scheduled-update: the contract is current; nothing to do"
    exit 0
    ;;
  10) ;;
  *)
    echo "scheduled-update: kraken-proto update failed (exit $status; its error is above); nothing was changed" >&2
    exit 1
    ;;
esac

{
  echo "Automated update from the live Kraken GraphQL schema (\`kraken-proto update\`)."
  echo
  cat "$diff_file"
  echo
  echo "Numbers never move: review the added and deprecated values, then merge and run \`kraken-proto release\`."
} >"$body"

git switch --create "$branch"
git add --all upstream generated proto gen go/kraken kraken_proto/_generated docs/generated
git commit --quiet --message "Update the contract from the live Kraken schema" --message "$(cat "$diff_file")"
echo "scheduled-update: committed on $branch; pull request body in $body"

if [ "$create_pr" = 1 ]; then
  git push --set-upstream origin "$branch"
  gh pr create --title "Kraken schema update ($(date -u +%F))" --body-file "$body" --head "$branch"
fi
