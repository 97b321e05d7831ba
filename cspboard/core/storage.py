"""The documents store: papers, published documents and packs, outside the web root (a folder,
or a bucket), served only by views that check permission first."""

from django.core.files.storage import Storage, storages


class DocumentsStorage(Storage):
    """Whatever STORAGES["documents"] is now (a folder outside the web root, or a bucket).

    FileField resolves its storage once, when the model class is built; this looks the store
    up on every call instead, so settings (and tests) can change it.
    """

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["documents"], name)


_documents_storage = DocumentsStorage()


def documents_storage():
    # Files are only ever sent by documents.views.document_download, after a permission check.
    return _documents_storage
