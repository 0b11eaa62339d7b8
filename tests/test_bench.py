"""The bench's own honesty: a run with failed requests is reported as failed, never as figures."""

import pytest

from bench import harness
from bench.harness import Load, exit_status, parse_wrk, report

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/bare
  16 threads and 16 connections
rps 1234.50
p50 2100
p95 4200
p99 9900
requests 6172
errors 0
unexpected {unexpected}
first_unexpected {first}
"""


@pytest.fixture(autouse=True)
def no_failures(monkeypatch):
    monkeypatch.setattr(harness, "FAILURES", [])


def test_the_figures_of_a_clean_run_are_read_in_milliseconds():
    load = parse_wrk(WRK_OUTPUT.format(unexpected=0, first="-"))

    assert load == Load(1234.5, 2.1, 4.2, 9.9, 6172, 0, 0, "-")
    assert load.failed == 0


def test_answers_other_than_expected_count_as_failed():
    load = parse_wrk(WRK_OUTPUT.format(unexpected=7, first="status=500"))

    assert load.failed == 7
    assert load.first_unexpected == "status=500"


def test_output_without_the_figures_is_an_error_not_zeroes():
    with pytest.raises(RuntimeError, match="unexpected"):
        parse_wrk("rps 10\np50 1\np95 1\np99 1\nrequests 3\nerrors 0\n")


def test_a_failed_measurement_prints_failed_and_makes_the_bench_exit_1(capsys):
    load = Load(900.0, 1.0, 2.0, 3.0, 4500, 2, 10, "post=400")
    harness.FAILURES.append(("http://127.0.0.1/verifier/", load))

    report("lookup_pair_1k_vs_bare", 0.5, ">=0.1", load)

    out, _ = capsys.readouterr()
    assert out.startswith("lookup_pair_1k_vs_bare FAILED >=0.1 (12 of 4500 requests answered")
    assert "0.5" not in out
    assert exit_status() == 1
    assert "BENCH FAILED: http://127.0.0.1/verifier/: 12 of 4500" in capsys.readouterr().err


def test_a_clean_measurement_prints_name_value_target(capsys):
    report("bare_rps", 3312.4, "(reference)", Load(3312.4, 1, 2, 3, 16000, 0, 0))

    assert capsys.readouterr().out == "bare_rps 3312 (reference)\n"
    assert exit_status() == 0


def test_a_run_where_nothing_completed_is_a_failure_not_a_zero(capsys):
    report("key_notice_p95_ms", 0, "<=100", Load(0.0, 0, 0, 0, 16, 0, 0))

    assert "key_notice_p95_ms FAILED <=100 (nothing completed in time" in capsys.readouterr().out


def test_the_mixed_workload_submits_forms_as_a_browser_would():
    from bench.html_forms import forms_of

    page = """
    <form action="/a" method="post">
      <input type="hidden" name="csrf_token" value="t">
      <input name="work_name" value="工事">
      <input type="checkbox" name="kept" checked><input type="checkbox" name="dropped">
      <input type="radio" name="form" value="paper"><input type="radio" name="form" value="e">
      <input type="radio" name="payer" value="x"><input type="radio" name="payer" value="y" checked>
      <select name="branch">
        <option value="1">一</option><option value="2" selected>二</option>
      </select>
      <textarea name="note">備考</textarea>
      <button type="submit" name="action" value="save">保存</button>
    </form>
    <form action="/logout"><input type="hidden" name="csrf_token" value="u"></form>
    """

    assert forms_of(page) == {
        "/a": {
            "csrf_token": "t", "work_name": "工事", "kept": "y", "form": "paper",
            "payer": "y", "branch": "2", "note": "備考",
        },
        "/logout": {"csrf_token": "u"},
    }  # fmt: skip
