#!/usr/bin/env bash
# Kept for its old name: the time to a visible window is now measured by
# scripts/desktop-footprint.sh, beside a hello-world JavaFX window in the same run (the ratio is
# what gets reported), together with the idle CPU. Usage: installer/measure-startup.sh [RUNS]
exec "$(dirname "$0")/../scripts/desktop-footprint.sh" "$@"
