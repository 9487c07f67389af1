import pytest

from articles.numerals import chinese_number, installment_number


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("第一辑", 1),
        ("之二", 2),
        ("第十辑", 10),
        ("第十二辑", 12),
        ("第二十一期", 21),
        ("第一百零五辑", 105),
        ("第12辑", 12),
        ("第１２辑", 12),
        ("今推出第三辑", 3),
    ],
)
def test_installment_number_reads_the_printed_label(label, number):
    assert installment_number(label) == number


@pytest.mark.parametrize("label", ["", "上篇", "特辑", "第辑"])
def test_installment_number_is_none_without_a_number(label):
    assert installment_number(label) is None


def test_chinese_number_reads_digit_by_digit_years():
    assert chinese_number("二〇二二") == 2022


def test_chinese_number_refuses_other_text():
    assert chinese_number("十二月") is None
