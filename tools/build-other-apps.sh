#!/bin/sh
# Trunk's post-build hook (Trunk.toml): in a release build of index.html,
# also builds the other apps into the build being assembled, so that they
# land in dist/ with the rest: the call page's (call.html) in
# dist/call-app/, the account pages' (account.html) in dist/account-app/.
# The server answers their addresses with their index.html. Dev builds
# (`trunk serve`) skip them: their booking app holds every page.
set -eu
[ "$TRUNK_PROFILE" = release ] || exit 0
[ "$(basename "$TRUNK_HTML_FILE")" = index.html ] || exit 0
cd "$TRUNK_SOURCE_DIR"
for app in call account; do
  trunk build "$app.html" --release --dist "$TRUNK_STAGING_DIR/$app-app" --public-url "/$app-app/"
done
