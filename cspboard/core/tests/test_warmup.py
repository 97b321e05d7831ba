from django.template import engines

from cspboard.core.warmup import template_names, templates_compile


def test_every_template_is_compiled_into_the_cached_loader():
    names = template_names()
    assert "base.html" in names
    assert "meetings/meeting_detail.html" in names or any(n.startswith("meetings/") for n in names)

    assert templates_compile() == len(names)

    cached = engines["django"].engine.template_loaders[0]
    assert any(key.startswith("base.html") for key in cached.get_template_cache)
