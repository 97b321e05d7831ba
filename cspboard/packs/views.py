from django.http import HttpResponse
from django.views.decorators.http import require_safe

from .selectors import pack_for_user
from .services import pack_pdf


@require_safe
def meeting_pack(request, slug: str, date):
    """The meeting's agenda pack: the members' pack for those who may see the board's withheld
    papers, the public pack for everyone else."""
    meeting, members = pack_for_user(request.user, slug, date)
    pdf = pack_pdf(meeting, members=members)
    response = HttpResponse(pdf, content_type="application/pdf")
    kind = "members-pack" if members else "agenda-pack"
    filename = f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-{kind}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if members or request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response
