# Production administration of a domain, sourced by provision.sh when SPARK_ENV=production (not run on its own).
# admin_login: the admin user must have a real password (PAYARA_ADMIN_PASSWORD; empty, short and well-known ones are
#   refused); a domain made without one gets it now. Every later asadmin call of provision.sh carries it.
# secure_admin: the admin listener and the JMX connector on 127.0.0.1 only and secure admin (TLS) on; both take effect at the restart that
#   provision.sh then does.
# Uses provision.sh's A (the asadmin command), say, die, DOMAIN, DOMAIN_DIR and restart_needed.

ADMIN_PWFILE=

admin_password_problem() { # password -> why it is refused, or nothing
  local p=$1
  case "$p" in
    '') echo "PAYARA_ADMIN_PASSWORD is not set; in production the admin user needs a password (at least 12 characters)" ;;
    admin|adminadmin|changeit|password|glassfish|payara|change-me-admin-password|your-super-secret-jwt-key-change-in-production)
      echo "PAYARA_ADMIN_PASSWORD is a well-known default; choose a real password (at least 12 characters)" ;;
    *) [ "${#p}" -ge 12 ] || echo "PAYARA_ADMIN_PASSWORD is shorter than 12 characters" ;;
  esac
}

admin_login() {
  local problem
  problem=$(admin_password_problem "${PAYARA_ADMIN_PASSWORD:-}")
  [ -z "$problem" ] || die "refusing to provision a production domain: $problem"
  ADMIN_PWFILE=$(mktemp); chmod 600 "$ADMIN_PWFILE"
  trap 'rm -f "$ADMIN_PWFILE"' EXIT
  printf 'AS_ADMIN_PASSWORD=%s\n' "$PAYARA_ADMIN_PASSWORD" > "$ADMIN_PWFILE"
  if ! "${A[@]}" --user admin --passwordfile "$ADMIN_PWFILE" uptime >/dev/null 2>&1; then
    # a domain made with --nopassword: give the admin user the password once
    local change; change=$(mktemp); chmod 600 "$change"
    printf 'AS_ADMIN_PASSWORD=\nAS_ADMIN_NEWPASSWORD=%s\n' "$PAYARA_ADMIN_PASSWORD" > "$change"
    "${A[@]}" --user admin --passwordfile "$change" change-admin-password >/dev/null 2>&1 \
      || { rm -f "$change"; die "the admin user's password is neither empty nor PAYARA_ADMIN_PASSWORD; set PAYARA_ADMIN_PASSWORD to it"; }
    rm -f "$change"
    say "admin password set"
  fi
  A+=(--user admin --passwordfile "$ADMIN_PWFILE")
}

secure_admin() {
  local listener key
  # the console and asadmin's port, and the JMX connector (which answers to the same admin users)
  for listener in network-config.network-listeners.network-listener.admin-listener admin-service.jmx-connector.system; do
    local name=admin-listener; [ "${listener#admin-service.}" = "$listener" ] || name="JMX connector"
    key=configs.config.server-config.$listener.address
    if [ "$("${A[@]}" get "$key" | sed -n "s/^$key=//p")" != 127.0.0.1 ]; then
      "${A[@]}" set "$key=127.0.0.1" >/dev/null
      say "$name bound to 127.0.0.1"
      restart_needed=true
    fi
  done
  if [ "$("${A[@]}" get secure-admin.enabled | sed -n 's/^secure-admin.enabled=//p')" != true ]; then
    "${A[@]}" enable-secure-admin >/dev/null
    say "secure admin enabled"
    restart_needed=true
  fi
}
