import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cspboard.core.exceptions import NotAllowed
from cspboard.core.models import OutgoingEmail
from cspboard.funding import links, services
from cspboard.funding.choices import ReturnNoticeKind, ReturnStatus
from cspboard.funding.models import ReturnNotice, quarter_dates
from cspboard.funding.reminders import reminders_send
from cspboard.people.tests.factories import UserFactory

from .factories import AwardFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_quarters_of_a_financial_year():
    assert quarter_dates(2023, 1) == (datetime.date(2023, 4, 1), datetime.date(2023, 6, 30))
    assert quarter_dates(2023, 3) == (datetime.date(2023, 10, 1), datetime.date(2023, 12, 31))
    assert quarter_dates(2023, 4) == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))


def test_the_request_is_due_ten_working_days_after_the_quarter_and_mailed_with_a_link():
    award = AwardFactory()
    r = services.return_request(
        award=award, financial_year=2023, quarter=1, today=datetime.date(2023, 7, 3)
    )
    assert r.due_on == datetime.date(2023, 7, 14)  # 30 June was a Friday
    mail = OutgoingEmail.objects.get()
    assert mail.to == ["pat@provider.example"]
    assert award.service_name in mail.body
    token = re.search(r"/funding/returns/([^/\s]+)/", mail.body).group(1)
    assert links.return_for_link(token) == r
    with pytest.raises(ValidationError):
        services.return_request(award=award, financial_year=2023, quarter=1)


def test_a_restricted_award_is_not_named_in_the_mail():
    award = AwardFactory(
        service_name="Covert service", security_marking="RESTRICTED", schedule_12a_paragraph=3
    )
    services.return_request(award=award, financial_year=2023, quarter=1)
    assert "Covert" not in OutgoingEmail.objects.get().body


def test_no_return_is_asked_of_a_proposed_award():
    with pytest.raises(NotAllowed):
        services.return_request(
            award=AwardFactory(status="proposed"), financial_year=2023, quarter=1
        )


def test_submit_checks_every_figure_and_keeps_nothing_on_error():
    award = AwardFactory()
    a, b = MeasureFactory(award=award), MeasureFactory(award=award)
    r = services.return_request(award=award, financial_year=2023, quarter=1)
    with pytest.raises(ValidationError) as caught:
        services.return_submit(
            quarterly_return=r, figures={a.pk: "twelve", b.pk: "-1"}, spend="", progress=""
        )
    assert set(caught.value.error_dict) == {f"m{a.pk}", f"m{b.pk}", "spend", "progress"}
    r.refresh_from_db()
    assert r.status == ReturnStatus.REQUESTED and not r.figures.exists()
    done = services.return_submit(
        quarterly_return=r,
        figures={a.pk: "12", b.pk: "3.5"},
        spend="9,000".replace(",", ""),
        progress="Sessions ran weekly.",
    )
    assert done.status == ReturnStatus.SUBMITTED
    assert {f.measure_id: f.value for f in done.figures.all()} == {
        a.pk: Decimal("12.00"),
        b.pk: Decimal("3.50"),
    }
    with pytest.raises(NotAllowed):
        services.return_submit(quarterly_return=r, figures={}, spend="1", progress="Again")


def test_review_sends_back_with_a_comment_and_reopens_the_link():
    award = AwardFactory()
    r = services.return_request(award=award, financial_year=2023, quarter=1)
    services.return_submit(quarterly_return=r, figures={}, spend="100", progress="Went well")
    officer = UserFactory()
    with pytest.raises(ValidationError):
        services.return_review(quarterly_return=r, accept=False, comment=" ", by=officer)
    back = services.return_review(
        quarterly_return=r, accept=False, comment="Add the case study", by=officer
    )
    assert back.status == ReturnStatus.RETURNED and back.is_open
    assert ReturnNotice.objects.filter(kind=ReturnNoticeKind.RETURNED).count() == 1
    assert "Add the case study" in OutgoingEmail.objects.order_by("pk").last().body
    services.return_submit(quarterly_return=r, figures={}, spend="100", progress="Went well")
    accepted = services.return_review(quarterly_return=r, accept=True, by=officer)
    assert accepted.status == ReturnStatus.ACCEPTED and accepted.reviewed_by == officer
    with pytest.raises(NotAllowed):
        services.return_review(quarterly_return=r, accept=True, by=officer)


def test_reminders_go_once_each_before_and_after_the_due_date():
    award = AwardFactory()
    r = services.return_request(
        award=award, financial_year=2023, quarter=1, today=datetime.date(2023, 7, 3)
    )
    r.requested_at = r.requested_at.replace(year=2023, month=7, day=3)
    r.save(update_fields=["requested_at"])
    assert reminders_send(today=datetime.date(2023, 7, 10)) == []  # not yet
    kinds = []
    for day in (11, 12, 14, 17, 18, 21, 24, 25):
        kinds += [n.kind for n in reminders_send(today=datetime.date(2023, 7, day))]
    assert kinds == ["reminder", "overdue", "chase"]
    assert OutgoingEmail.objects.count() == 4  # with the request
    assert reminders_send(today=datetime.date(2023, 8, 1)) == []


def test_reminders_stop_once_the_return_is_sent():
    award = AwardFactory()
    r = services.return_request(award=award, financial_year=2023, quarter=1)
    services.return_submit(quarterly_return=r, figures={}, spend="0", progress="Done")
    assert reminders_send(today=r.due_on + datetime.timedelta(days=30)) == []


def test_an_award_needs_a_paragraph_to_be_restricted_and_ends_after_it_starts():
    award = AwardFactory()
    with pytest.raises(ValidationError) as caught:
        services.award_update(
            award=award,
            security_marking="RESTRICTED",
            ends_on=datetime.date(2020, 1, 1),
        )
    assert set(caught.value.error_dict) == {"schedule_12a_paragraph", "ends_on"}


def test_amounts_are_one_per_year():
    award = AwardFactory()
    services.award_amount_set(award=award, financial_year=2023, amount=Decimal(100))
    services.award_amount_set(award=award, financial_year=2023, amount=Decimal(250))
    assert [(a.financial_year, a.amount) for a in award.amounts.all()] == [(2023, Decimal(250))]


def test_writes_retire_the_boards_cached_pages_and_packs():
    from cspboard.core.cache import board_generation_key

    award = AwardFactory()
    board_id = award.stream.board_id
    before = board_generation_key(board_id)
    services.award_amount_set(award=award, financial_year=2023, amount=Decimal(5))
    after_amount = board_generation_key(board_id)
    assert after_amount != before
    r = services.return_request(award=award, financial_year=2023, quarter=1)
    services.return_submit(quarterly_return=r, figures={}, spend="1", progress="Done")
    assert board_generation_key(board_id) == after_amount  # nothing cached shows these yet
    services.return_review(quarterly_return=r, accept=True, by=None)
    assert board_generation_key(board_id) != after_amount


def test_an_award_moves_only_between_its_boards_streams():
    from .factories import FundingStreamFactory

    award = AwardFactory()
    same_board = FundingStreamFactory(board=award.stream.board)
    services.award_update(award=award, stream=same_board)
    assert award.stream == same_board
    with pytest.raises(ValidationError):
        services.award_update(award=award, stream=FundingStreamFactory())
