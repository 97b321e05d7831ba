from cspboard.core.sanitise import sanitise_html


def test_script_and_handlers_are_removed_formatting_kept():
    dirty = (
        '<p onclick="steal()">Agreed <strong>ACTION</strong>: JT to report.</p>'
        "<script>alert('x')</script><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)">link</a><table><tr><td>1</td></tr></table>'
    )
    clean = sanitise_html(dirty)
    assert "<script" not in clean and "alert" not in clean
    assert "onclick" not in clean and "onerror" not in clean and "javascript:" not in clean
    assert "<strong>ACTION</strong>" in clean
    assert "<td>1</td>" in clean
