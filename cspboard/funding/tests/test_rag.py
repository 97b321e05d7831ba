from decimal import Decimal as D

from cspboard.funding import rag


def test_expected_to_date_prefers_the_quarterly_target():
    assert rag.expected_to_date(annual=D(100), quarterly=D(20), quarters=2) == D(40)
    assert rag.expected_to_date(annual=D(100), quarterly=None, quarters=2) == D(50)
    assert rag.expected_to_date(annual=None, quarterly=None, quarters=2) is None
    assert rag.expected_to_date(annual=D(100), quarterly=None, quarters=0) is None


def test_delivery_thresholds():
    assert rag.delivery_rating(D(45), D(50)).rag == rag.GREEN  # 90%
    assert rag.delivery_rating(D(44), D(50)).rag == rag.AMBER
    assert rag.delivery_rating(D("37.5"), D(50)).rag == rag.AMBER  # 75%
    assert rag.delivery_rating(D(37), D(50)).rag == rag.RED
    assert rag.delivery_rating(D(80), D(50)).rag == rag.GREEN  # ahead is fine
    assert rag.delivery_rating(D(3), None).rag is None


def test_spend_is_off_plan_either_way():
    # £40,000 a year: £20,000 expected after two quarters.
    assert rag.spend_rating(D(20000), D(40000), 2).rag == rag.GREEN
    assert rag.spend_rating(D(18000), D(40000), 2).rag == rag.GREEN  # 10% under
    assert rag.spend_rating(D(22000), D(40000), 2).rag == rag.GREEN  # 10% over
    assert rag.spend_rating(D(16000), D(40000), 2).rag == rag.AMBER
    assert rag.spend_rating(D(25000), D(40000), 2).rag == rag.AMBER
    assert rag.spend_rating(D(10000), D(40000), 2).rag == rag.RED
    assert rag.spend_rating(D(30000), D(40000), 2).rag == rag.RED
    assert rag.spend_rating(None, D(40000), 2).rag is None
    assert rag.spend_rating(D(1), None, 2).rag is None
    assert rag.spend_rating(D(1), D(40000), 0).rag is None


def test_worst_of_the_rated():
    ratings = [rag.Rating(rag.GREEN), rag.Rating(None), rag.Rating(rag.AMBER)]
    assert rag.worst(ratings).rag == rag.AMBER
    assert rag.worst([rag.Rating(None)]).rag is None
    assert rag.worst([]).label == "Not rated"
