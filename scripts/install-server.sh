#!/usr/bin/env bash
# Sets Filon up for a team on one shared Linux server. Run as root.
#
#   sudo scripts/install-server.sh --operators "tina theo sam"
#
# What it makes (see docs/RELIABILITY.md, "A shared server"):
#   group filon            the operators and the daemon; nobody else reads the prospects' data
#   user filon             the daemon's account (no shell, no password)
#   $DATA       2770 filon:filon   the database folder; setgid, so the -wal and -shm files SQLite
#                                  creates belong to the group too
#   $DATA/filon.sqlite     0660 filon:filon   (SQLite gives -wal and -shm the same mode)
#   $ETC        0750 root:filon
#   $ETC/filon.toml        0640 root:filon    shared settings, no keys: operators read it
#   $ETC/keys.env          0600 root:root     the providers' keys: systemd reads it for the daemon
#   $PREFIX/bin/filon, filond, share/filon/{themes,templates}, /etc/profile.d/filon.sh
#   deploy/filond.service, with these paths, when systemd is there
# Running it again keeps the database, the settings and the keys; it mends owners and modes.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
data=/var/lib/filon
etc=/etc/filon
group=filon
daemon_user=filon
operators=""
bin=""
systemd=yes
profile=/etc/profile.d/filon.sh

usage() {
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
  echo "Options: --prefix DIR (${prefix}), --data DIR (${data}), --etc DIR (${etc}), --group NAME (${group}),"
  echo "         --daemon-user NAME (${daemon_user}), --operators \"LOGIN ...\", --bin DIR (built binaries;"
  echo "         default: build in release), --no-systemd, --profile FILE (${profile}, 'none' to skip)"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --etc) etc=$2; shift 2 ;;
    --group) group=$2; shift 2 ;;
    --daemon-user) daemon_user=$2; shift 2 ;;
    --operators) operators=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --no-systemd) systemd=no; shift ;;
    --profile) profile=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-server.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "install-server.sh: run as root (it creates a group, a user and folders): sudo $0 $*" >&2
  exit 1
fi

if [ -z "$bin" ]; then
  bash scripts/install-deps.sh
  swift build -c release --product filon
  swift build -c release --product filond
  bin=.build/release
fi
for program in filon filond; do
  [ -x "$bin/$program" ] || { echo "install-server.sh: $bin/$program is missing: build it first" >&2; exit 1; }
done

# The group and the daemon's account.
getent group "$group" >/dev/null || groupadd --system "$group"
if ! id "$daemon_user" >/dev/null 2>&1; then
  useradd --system --gid "$group" --home-dir "$data" --no-create-home --shell /usr/sbin/nologin "$daemon_user"
fi
for login in $operators; do
  if id "$login" >/dev/null 2>&1; then
    usermod -a -G "$group" "$login"
  else
    echo "install-server.sh: no account $login on this machine: create it, then run this again" >&2
  fi
done

install -d -m 0755 "$prefix/bin"
install -m 0755 "$bin/filon" "$bin/filond" "$prefix/bin/"
# Themes and mail templates are looked up next to the binaries (share/filon).
install -d -m 0755 "$prefix/share/filon"
cp -R themes templates "$prefix/share/filon/"

# The database folder: setgid so that every file created in it belongs to the group.
install -d -o "$daemon_user" -g "$group" -m 2770 "$data"
db="$data/filon.sqlite"
if [ ! -e "$db" ]; then
  # Created by filond itself as the daemon's user, so that it is the owner from the start.
  (cd / && setpriv --reuid="$daemon_user" --regid="$group" --init-groups "$prefix/bin/filond" status --db "$db" >/dev/null)
fi
for file in "$db" "$db-wal" "$db-shm"; do
  if [ -e "$file" ]; then
    chown "$daemon_user:$group" "$file"
    chmod 0660 "$file"
  fi
done

# Settings: shared ones readable by the group, the keys by the daemon only.
install -d -o root -g "$group" -m 0750 "$etc"
if [ ! -e "$etc/filon.toml" ]; then
  cat >"$etc/filon.toml" <<'TOML'
# Filon's shared settings, read by the operators and the daemon. No keys here: the providers'
# keys go in keys.env (readable by root only; systemd hands them to the daemon).
[daemon]
schedule = "every 60 minutes"
TOML
fi
chown "root:$group" "$etc/filon.toml"
chmod 0640 "$etc/filon.toml"
if [ ! -e "$etc/keys.env" ]; then
  cat >"$etc/keys.env" <<'ENV'
# The providers' keys, for the daemon only (systemd reads this file as root before it starts
# filond as the filon user). One FILON_<PROVIDER>_API_KEY=... per line, e.g.:
# FILON_SIRENE_API_API_KEY=...
# FILON_PAPPERS_API_KEY=...
# FILON_MAIL_PASSWORD=...
ENV
fi
chown root:root "$etc/keys.env"
chmod 0600 "$etc/keys.env"

if [ "$profile" != none ]; then
  install -d -m 0755 "$(dirname "$profile")"
  cat >"$profile" <<PROFILE
# Filon: every operator opens the team's database and settings.
export FILON_DB=$db
export FILON_CONFIG=$etc/filon.toml
PROFILE
  chmod 0644 "$profile"
fi

if [ "$systemd" = yes ] && [ -d /run/systemd/system ]; then
  sed -e "s|/usr/local/bin|$prefix/bin|g" -e "s|/var/lib/filon|$data|g" -e "s|/etc/filon|$etc|g" \
    -e "s|^User=filon|User=$daemon_user|" -e "s|^Group=filon|Group=$group|" \
    deploy/filond.service >/etc/systemd/system/filond.service
  chmod 0644 /etc/systemd/system/filond.service
  systemctl daemon-reload
  echo "Start the daemon with: systemctl enable --now filond"
fi

echo "Filon is installed: database $db, settings $etc/filon.toml, keys $etc/keys.env."
echo "Operators in the group $group: ${operators:-none yet (run again with --operators)}; they log in again to take it."
echo "Add them as CRM users with: filon users add LOGIN --role telepro (as the first admin)."
