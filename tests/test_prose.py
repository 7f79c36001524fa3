"""Scraped line breaks become prose; list items and new sentences keep their own lines."""

from kraken_proto.generator.prose import join_lines, split_value_docs


def test_lines_broken_mid_sentence_are_joined_and_closing_punctuation_is_glued() -> None:
    assert join_lines(["The unit for a user's preferences (e.g. min", "and max", ")."]) == "The unit for a user's preferences (e.g. min and max)."


def test_a_line_starting_a_new_sentence_stays_a_line() -> None:
    assert (
        join_lines(["The status of the campaign.", "Indicates whether calls can be made."])
        == "The status of the campaign.\nIndicates whether calls can be made."
    )


def test_arrow_list_items_keep_their_own_lines() -> None:
    text = join_lines(["aggregations:", "daily -> half-hourly aggregation", "weekly & monthly -> daily aggregations"])
    assert text.split("\n") == ["aggregations:", "daily -> half-hourly aggregation", "weekly & monthly -> daily aggregations"]


def test_value_names_glued_to_the_previous_doc_are_split_off() -> None:
    intro, docs = split_value_docs("Options. ENDED : endedWITHDRAWN : withdrawn", ["ENDED", "WITHDRAWN"])
    assert intro == "Options."
    assert docs == {"ENDED": "Ended.", "WITHDRAWN": "Withdrawn."}


def test_a_value_name_inside_a_longer_name_is_not_split_off() -> None:
    intro, docs = split_value_docs("Statuses: ONBOARDING first ONBOARDING_TEST second", ["ONBOARDING", "ONBOARDING_TEST"])
    assert docs == {"ONBOARDING": "First.", "ONBOARDING_TEST": "Second."}
    assert intro == "Statuses."


def test_a_description_naming_no_value_yields_no_docs() -> None:
    assert split_value_docs("Nothing here.", ["A_VALUE"]) == ("Nothing here.", {})
