from django.template import Context, Template


def test_minutes_in_words():
    template = Template("{% load cspboard %}{{ a|minutes }}/{{ b|minutes }}/{{ c|minutes }}/")
    assert template.render(Context({"a": 1, "b": 20, "c": None})) == "1 minute/20 minutes//"
