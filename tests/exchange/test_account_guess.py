"""The account a new deal takes from a contacts file's company column."""

from desktop.exchange.account_guess import account_from_organisations


def test_the_company_most_people_work_for_is_the_account() -> None:
    assert account_from_organisations(
        ["Acme Corp", "ACME  corp", "Acme Corp", "Deloitte", ""]) == "Acme Corp"


def test_no_majority_leaves_the_account_empty() -> None:
    assert account_from_organisations(["Acme", "Acme", "Deloitte", "", ""]) == ""
    assert account_from_organisations(["Acme", "Deloitte"]) == ""
    assert account_from_organisations([]) == ""
    assert account_from_organisations(["", ""]) == ""


def test_one_person_with_a_company_is_a_majority_of_one() -> None:
    assert account_from_organisations(["Northwind"]) == "Northwind"
