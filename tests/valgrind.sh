#!/usr/bin/env bash
# valgrind.sh - the wrapper of `meson test --setup valgrind`: Check programs
# run under valgrind directly; end-to-end scripts run as they are and put
# valgrind around each smalog they start (SMALOG_WRAPPER, see e2e/lib.sh).
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
	--errors-for-leak-kinds=definite,indirect,possible --track-fds=no --vgdb=no
	--suppressions="$(cd "$(dirname "$0")" && pwd)/valgrind.supp")
case "$(basename "$1")" in
bash | sh)
	export SMALOG_WRAPPER="${vg[*]}"
	exec "$@"
	;;
*)
	exec "${vg[@]}" "$@"
	;;
esac
