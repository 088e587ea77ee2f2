#!/bin/sh
# openNDS BinAuth script: reports every client event to the Netpoint provider server, which
# keeps it with the person the captive portal verified. Install it on the openNDS router, set
# option binauth to its path, and put in /etc/opennds/netpoint-binauth.conf (or the
# environment):
#   NETPOINT_BINAUTH_URL=https://<provider>/wifi/cong/<nas id>/binauth/
#   NETPOINT_BINAUTH_KEY=<the NAS's BinAuth event key>
# The arguments are openNDS's (docs/source/binauth.rst): method, client MAC, then by method.
# It always allows: the portal verified the client before openNDS asked.

conf="${NETPOINT_BINAUTH_CONF:-/etc/opennds/netpoint-binauth.conf}"
# shellcheck disable=SC1090
[ -f "$conf" ] && . "$conf"

method="$1"
mac="$2"
ip=""
in=""
out=""
start=""
end=""
custom=""
case "$method" in
auth_client)
    ip="$7"
    custom="$9"
    ;;
ndsctl_auth)
    start="$5"
    end="$6"
    custom="$8"
    ;;
*)
    in="$3"
    out="$4"
    start="$5"
    end="$6"
    ;;
esac

# Only characters these fields can hold reach the JSON: nothing needs escaping.
text() {
    case "$1" in
    *[!A-Za-z0-9_.:%-]*) printf 'null' ;;
    "") printf 'null' ;;
    *) printf '"%s"' "$1" ;;
    esac
}
number() {
    case "$1" in
    "" | *[!0-9]*) printf 'null' ;;
    *) printf '%s' "$1" ;;
    esac
}

body="{\"event\":$(text "$method"),\"mac\":$(text "$mac"),\"ip\":$(text "$ip"),\
\"custom\":$(text "$custom"),\"bytes_in\":$(number "$in"),\"bytes_out\":$(number "$out"),\
\"session_start\":$(number "$start"),\"session_end\":$(number "$end")}"

if [ -n "$NETPOINT_BINAUTH_URL" ]; then
    if command -v curl >/dev/null 2>&1; then
        curl -s -o /dev/null --max-time 5 -H "Content-Type: application/json" \
            -H "Authorization: Bearer $NETPOINT_BINAUTH_KEY" --data "$body" \
            "$NETPOINT_BINAUTH_URL" || logger -t netpoint-binauth "report failed: $method"
    else
        wget -q -O /dev/null -T 5 --header "Content-Type: application/json" \
            --header "Authorization: Bearer $NETPOINT_BINAUTH_KEY" --post-data "$body" \
            "$NETPOINT_BINAUTH_URL" || logger -t netpoint-binauth "report failed: $method"
    fi
fi
exit 0
