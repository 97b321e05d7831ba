from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import second_factor_first
from cspboard.meetings.selectors import item_for_officer

from .forms import DocumentUploadForm
from .selectors import document_for_viewer
from .services import document_add


@require_safe
def document_download(request, pk: int, filename: str):
    document = document_for_viewer(request.user, pk)
    if filename != document.filename:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=document.content_type != "application/pdf",
        filename=document.filename,
    )
    if document.is_marked_withheld or document.item.is_withheld or request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def document_upload(request, item_id: int):
    item = item_for_officer(request.user, item_id)
    form = DocumentUploadForm(request.POST or None, request.FILES or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document_add(
            item=item,
            upload=data["file"],
            title=data["title"],
            kind=data["kind"],
            author=data["author"],
            date=data["date"],
            security_marking=data["security_marking"],
            schedule_12a_paragraph=data["schedule_12a_paragraph"],
        )
        return redirect(item.meeting.get_absolute_url() + f"#item-{item.pk}")
    status = 400 if form.errors else 200
    return render(
        request, "documents/document_form.html", {"form": form, "item": item}, status=status
    )
