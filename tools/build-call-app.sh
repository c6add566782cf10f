#!/bin/sh
# Trunk's post-build hook (Trunk.toml): in a release build of index.html,
# also builds the call page's own app from call.html into call-app/ of the
# build being assembled, so that it lands in dist/call-app/ with the rest.
# The server answers /call/* with dist/call-app/index.html. Dev builds
# (`trunk serve`) skip it: their booking app holds the call page.
set -eu
[ "$TRUNK_PROFILE" = release ] || exit 0
[ "$(basename "$TRUNK_HTML_FILE")" = index.html ] || exit 0
cd "$TRUNK_SOURCE_DIR"
exec trunk build call.html --release --dist "$TRUNK_STAGING_DIR/call-app" --public-url /call-app/
