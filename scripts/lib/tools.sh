# Sourced by the benchmark scripts: `need TOOL...` returns when every tool is on the PATH; else,
# as root on Debian, it installs their packages, and otherwise it names them and exits 1.

need() {
  local missing=() packages=() tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    missing+=("$tool")
    case $tool in
      redis-cli) packages+=(redis-tools) ;;
      *) packages+=("$tool") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "needs ${missing[*]} (Debian: apt-get install ${packages[*]})" >&2
    exit 1
  fi
}
