#!/usr/bin/env bash
# Builds the installer for the operating system it runs on, with a runtime trimmed by jlink:
#   Linux:   app-image, .deb (needs dpkg-deb and fakeroot), .rpm (needs rpmbuild: Debian's and
#            Ubuntu's `rpm` package; with INSTALL_TOOLS=1, run as root, the script installs it)
#   Windows: .msi (needs the WiX toolset on PATH)
#   macOS:   .dmg
# Usage: installer/build.sh [app-image|deb|rpm|msi|dmg]...   (no argument: every type this OS can build)
# Output: target/installer/
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}
for tool in jlink jpackage jdeps; do
  command -v "${JAVA_BIN}$tool" >/dev/null || { echo "needs $tool from a JDK 17+ (set JAVA_HOME)"; exit 1; }
done

NAME="Flash Sale Console"
VERSION=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)
VENDOR="Flash Sale Console project"
DESCRIPTION="Schedule flash sales in a local SQLite store and watch the storefront's shared cache live."
OUT=target/installer

case "$(uname -s)" in
  Linux*) OS=linux; ICON=icons/flash-sale-console-256.png ;;
  Darwin*) OS=mac; ICON=icons/flash-sale-console.icns ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows; ICON=icons/flash-sale-console.ico ;;
  *) echo "unsupported OS: $(uname -s)"; exit 1 ;;
esac

# On Debian and Ubuntu, rpmbuild comes with the `rpm` package and fakeroot with its own; install
# them when asked to (CI does), so the .rpm is built here too and not only on Fedora.
if [ "$OS" = linux ] && [ "${INSTALL_TOOLS:-0}" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  command -v rpmbuild >/dev/null || missing+=(rpm)
  command -v fakeroot >/dev/null || missing+=(fakeroot)
  command -v dpkg-deb >/dev/null || missing+=(dpkg)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } \
      || echo "warning: could not install ${missing[*]}"
  fi
fi

types=("$@")
if [ ${#types[@]} -eq 0 ]; then
  case $OS in
    linux) types=(app-image)
           command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null && types+=(deb)
           if command -v rpmbuild >/dev/null; then types+=(rpm)
           else echo "no rpmbuild: skipping the .rpm (Debian/Ubuntu: apt-get install rpm, or INSTALL_TOOLS=1 as root)"; fi ;;
    mac) types=(app-image dmg) ;;
    windows) types=(app-image msi) ;;
  esac
fi

echo "== building the jar"
mvn -q -B -DskipTests package
rm -rf "$OUT"
mkdir -p "$OUT/input"
cp target/flash-sale-console.jar "$OUT/input/"

echo "== trimming a runtime with jlink"
# The modules the jar uses, as jdeps finds them (JavaFX and the libraries travel in the jar on
# the class path), plus locale data so dates read in the user's language.
MODULES=$("${JAVA_BIN}jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
  target/flash-sale-console.jar 2>/dev/null | tail -1 || true)
case "$MODULES" in
  java.base*) ;;
  *) MODULES=java.base,java.desktop,java.net.http,java.sql,jdk.httpserver,jdk.jfr,jdk.unsupported ;;
esac
MODULES="$MODULES,jdk.localedata"
echo "modules: $MODULES"
"${JAVA_BIN}jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=0 --generate-cds-archive --include-locales=en,de,fr,es,it,nl,pt,ja,zh --output "$OUT/runtime"

common=(--name "$NAME" --app-version "$VERSION" --vendor "$VENDOR" --description "$DESCRIPTION"
  --input "$OUT/input" --main-jar flash-sale-console.jar --main-class dev.flashsale.app.Main
  --runtime-image "$OUT/runtime" --icon "$ICON" --dest "$OUT")

# On Linux the installers are made from one app-image whose launcher is a shell script: jpackage's
# native Linux launcher asks rpm and dpkg which package owns it on every start (0.15-0.2 s here,
# before Java even starts). The script starts the same runtime with the same options.
if [ "$OS" = linux ]; then
  echo "== jpackage --type app-image"
  "${JAVA_BIN}jpackage" --type app-image "${common[@]}"
  image="$OUT/$NAME"
  launcher="$image/bin/$NAME"
  cat > "$launcher" <<SCRIPT
#!/bin/sh
# Starts $NAME on its own runtime. (A script, not jpackage's native launcher: that one asks rpm
# and dpkg which package owns it on every start, a fifth of a second before Java even starts.)
here=\$(dirname "\$(readlink -f "\$0")")
exec "\$here/../lib/runtime/bin/java" -Djpackage.app-version=$VERSION -Xshare:auto --enable-native-access=ALL-UNNAMED \\
  -cp "\$here/../lib/app/flash-sale-console.jar" dev.flashsale.app.Main "\$@"
SCRIPT
  chmod 755 "$launcher"
fi

for type in "${types[@]}"; do
  [ "$OS" = linux ] && [ "$type" = app-image ] && continue
  echo "== jpackage --type $type"
  extra=()
  case $type in
    deb) extra=(--linux-package-name flash-sale-console --linux-shortcut --linux-menu-group "Office"
               --linux-app-category misc --linux-deb-maintainer "maintainers@flashsale.dev") ;;
    rpm) extra=(--linux-package-name flash-sale-console --linux-shortcut --linux-menu-group "Office"
               --linux-rpm-license-type "MIT") ;;
    msi) extra=(--win-menu --win-menu-group "$NAME" --win-shortcut --win-dir-chooser
               --win-upgrade-uuid 6f1f4c1e-8a57-4b0c-9d1e-3c2a6f0b7e11) ;;
    dmg) extra=(--mac-package-identifier dev.flashsale.console --mac-package-name "$NAME") ;;
    app-image) extra=() ;;
    *) echo "unknown type $type"; exit 1 ;;
  esac
  if [ "$OS" = linux ]; then
    # From the app-image above (its script launcher inside), with the package's own metadata.
    "${JAVA_BIN}jpackage" --type "$type" --app-image "$OUT/$NAME" --name "$NAME" --app-version "$VERSION" \
      --vendor "$VENDOR" --description "$DESCRIPTION" --icon "$ICON" --dest "$OUT" "${extra[@]}"
  else
    "${JAVA_BIN}jpackage" --type "$type" "${common[@]}" "${extra[@]}"
  fi
done

echo "== artifacts"
for f in "$OUT"/*; do
  case "$(basename "$f")" in input|runtime) continue ;; esac
  du -sh "$f"
done
