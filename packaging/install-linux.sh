#!/usr/bin/env bash
# Install a built bundle for the current user (no root needed): the program, its menu entry,
# icons, the .dealtri file type (double-click opens the app) and AppStream metadata.
#   packaging/install-linux.sh [BUNDLE_DIR]      (default: dist/DealTriangle)
# PREFIX (default ~/.local) chooses where; ICONS (default build/icons) the rendered PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=${1:-dist/DealTriangle}
PREFIX=${PREFIX:-$HOME/.local}
ICONS=${ICONS:-build/icons}
ID=org.dealtriangle.DealTriangle

[ -x "$BUNDLE/deal-triangle" ] || { echo "install: $BUNDLE/deal-triangle not found; run make bundle" >&2; exit 1; }
[ -d "$ICONS" ] || { echo "install: $ICONS not found; run make icons" >&2; exit 1; }

mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo" \
         "$PREFIX/share/mime/packages" "$PREFIX/share/icons/hicolor/scalable/apps"
rm -rf "$PREFIX/opt/DealTriangle"
cp -a "$BUNDLE" "$PREFIX/opt/DealTriangle"
ln -sf "$PREFIX/opt/DealTriangle/deal-triangle" "$PREFIX/bin/deal-triangle"
sed "s|^Exec=deal-triangle|Exec=$PREFIX/bin/deal-triangle|; s|^TryExec=deal-triangle|TryExec=$PREFIX/bin/deal-triangle|" \
    packaging/linux/$ID.desktop > "$PREFIX/share/applications/$ID.desktop"
cp packaging/linux/$ID.metainfo.xml "$PREFIX/share/metainfo/"
cp packaging/linux/$ID.mime.xml "$PREFIX/share/mime/packages/"
cp resources/icons/deal-triangle.svg "$PREFIX/share/icons/hicolor/scalable/apps/$ID.svg"
for png in "$ICONS"/deal-triangle-*.png; do
    size=$(basename "$png" .png); size=${size##*-}
    mkdir -p "$PREFIX/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$PREFIX/share/icons/hicolor/${size}x${size}/apps/$ID.png"
done
# Refresh the caches when the tools are there (a desktop session picks the rest up itself).
command -v update-mime-database >/dev/null && update-mime-database "$PREFIX/share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "Installed Deal Triangle in $PREFIX (run: deal-triangle, or find it in the menu)."
