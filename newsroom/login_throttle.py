"""Admin login throttling: django-axes's database records, reset per account."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


class OwnAccountResetHandler(AxesDatabaseHandler):
    """A successful login forgets the failures against that account, and only those.

    Stock axes deletes every attempt matching any lockout parameter, so with lockout
    by username or address one valid login from an address wipes the failures that
    address ran up against other accounts: four guesses at an Editor, a Reporter's
    login, four more, and so on without end. The failures left behind still count
    towards the address's limit. Turning the reset off instead would keep counting
    an editor's own typos after they log in, so a handful of ordinary typos across
    a newsroom behind one address would lock everyone there out.
    """

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
