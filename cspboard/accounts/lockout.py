"""django-axes, counting failed sign-ins two ways (settings.AXES_LOCKOUT_PARAMETERS):

- a username at one address: locked after AXES_FAILURE_LIMIT failures, so somebody elsewhere
  typing the chair's username with wrong passwords never locks the chair out;
- an address, across every username: locked after the higher AXES_ADDRESS_FAILURE_LIMIT, so one
  address cannot spray a common password over many usernames, while a council office behind
  one address survives a few people's mistakes.

axes compares one number with AXES_FAILURE_LIMIT, so `get_failures` reports the address's count
shifted by the difference of the two limits: the number reaches AXES_FAILURE_LIMIT exactly when
either count reaches its own limit.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

ACCOUNT_AT_ADDRESS = ["username", "ip_address"]
ADDRESS = "ip_address"


def _failures(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AccountAtAddressHandler(AxesDatabaseHandler):
    def _account_and_address(self, attempts_list):
        if settings.AXES_LOCKOUT_PARAMETERS != [ACCOUNT_AT_ADDRESS, ADDRESS]:
            raise ValueError(
                f"AccountAtAddressHandler needs AXES_LOCKOUT_PARAMETERS = "
                f"{[ACCOUNT_AT_ADDRESS, ADDRESS]!r}"
            )
        account, address = attempts_list
        return account, address

    def get_failures(self, request, credentials=None) -> int:
        account, address = self._account_and_address(self.get_user_attempts(request, credentials))
        shift = settings.AXES_ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(_failures(account), _failures(address) - shift)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears that username's failures at that address only: one good
        password must not wipe the address's failures with other usernames."""
        account, _ = self._account_and_address(self.filter_user_attempts(request, credentials))
        count, _ = account.delete()
        return count


def client_address(request) -> str | None:
    """The address failed sign-ins are counted against (settings.AXES_CLIENT_IP_CALLABLE).

    The connection's own address (REMOTE_ADDR), unless TRUSTED_PROXIES says how many proxies
    stand in front (nginx: 1). Each of them appends the address it saw to X-Forwarded-For, so the
    visitor's is that many entries from the right; anything to its left was written by the
    visitor and is ignored. A value that is not an address falls back to the connection's."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
