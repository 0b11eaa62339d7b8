"""The mixed workload of `make bench-mixed` (Locust, headless; run by bench/mixed.py, which
serves the app and hands the sessions over in BENCH_* variables).

Clerks look up certificates and open them (and their PDF); contractors open their lists, save
a draft and send applications; branch staff page and search the queue, open applications and
issue guarantees. Proportions: 5 clerks : 3 contractors : 2 branch staff. Every request must
answer as expected, or it is counted as an error (and `make bench-mixed` exits 1).

Runs in .venv-bench (Locust's own Flask must not touch the app's venv): standard library only
besides Locust.
"""

import itertools
import os
from urllib.parse import urlsplit

from html_forms import forms_of  # bench/ is on Locust's path
from locust import HttpUser, between, task

#: Generated applications waiting at the branch (every tenth), handed out one per issue.
_WAITING = itertools.count(0)


class _Signed(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    cookie_variable = ""

    def on_start(self):
        self.client.headers["User-Agent"] = None  # as the session's identifier was made
        name, value = os.environ[self.cookie_variable].split("=", 1)
        # The host's own domain, so the cookies the app sets replace this one, not join it.
        self.client.cookies.set(name, value, domain=urlsplit(self.host).hostname, path="/")

    def expect(self, response, status=200, text=None):
        """Mark the request failed unless it answered `status` (and contains `text`)."""
        if response.status_code != status:
            response.failure(f"status {response.status_code}, not {status}")
        elif text is not None and text not in response.text:
            response.failure(f"answer without {text!r}")
        else:
            response.success()


class Clerk(_Signed):
    """発注者の職員: opens a certificate by number and key, now and then its PDF."""

    weight = 5
    cookie_variable = "BENCH_VERIFIER_COOKIE"

    @task(4)
    def look_up(self):
        number = os.environ["BENCH_NUMBER"]
        page = self.client.get("/verifier/", name="verifier lookup form")
        token = forms_of(page.text).get("/verifier/", {}).get("csrf_token", "")
        with self.client.post(
            "/verifier/",
            data={"csrf_token": token, "number": number, "key": os.environ["BENCH_KEY"]},
            name="verifier lookup + certificate page",
            catch_response=True,
        ) as response:
            self.expect(response, 200, number)
            self.certificate = response.url

    @task(1)
    def certificate_pdf(self):
        if not getattr(self, "certificate", None):
            return self.look_up()
        with self.client.get(
            self.certificate + "/versions/1/pdf", name="verifier certificate PDF",
            catch_response=True,
        ) as response:  # fmt: skip
            self.expect(response, 200, None)


class Contractor(_Signed):
    """受注者の担当者: lists, a draft saved, an application sent, the key notice."""

    weight = 3
    cookie_variable = "BENCH_APPLICANT_COOKIE"

    def on_start(self):
        super().on_start()
        # A draft of this user's own (a shared one would be saved by two at once: 422, stale).
        _, fields = self._fields_of(f"/applicant/applications/{os.environ['BENCH_DRAFT']}/edit")
        saved = self._post_new(fields, "save_draft", "applicant first draft")
        self.edit = urlsplit(saved.url).path

    def _fields_of(self, edit: str) -> tuple[str, dict[str, str]]:
        page = self.client.get(edit, name="applicant draft form")
        return edit, forms_of(page.text).get(edit, {})

    def _post_new(self, fields: dict[str, str], action: str, name: str):
        """The fields posted as a new application (with the new form's tokens)."""
        new = self.client.get("/applicant/applications/new", name="applicant new form")
        fresh = forms_of(new.text).get("/applicant/applications/new", {})
        fields = fields | {
            k: fresh[k] for k in ("csrf_token", "form_token", "revision") if k in fresh
        }
        with self.client.post(
            "/applicant/applications/new", data={**fields, "action": action}, name=name,
            catch_response=True,
        ) as response:  # fmt: skip
            self.expect(response, 200, None)
        return response

    @task(3)
    def lists(self):
        with self.client.get("/applicant/", name="applicant home", catch_response=True) as r:
            self.expect(r)
        with self.client.get(
            "/applicant/contracts", name="applicant contracts", catch_response=True
        ) as r:
            self.expect(r)

    @task(2)
    def save_draft(self):
        edit, fields = self._fields_of(self.edit)
        with self.client.post(
            edit, data={**fields, "action": "save_draft"}, name="applicant save draft",
            catch_response=True,
        ) as response:  # fmt: skip
            self.expect(response, 200, None)

    @task(1)
    def send_application(self):
        _, fields = self._fields_of(self.edit)
        response = self._post_new(fields, "confirm", "applicant confirm")
        submit = next((a for a in forms_of(response.text) if a.endswith("/submit")), None)
        if submit is None:
            return
        with self.client.post(
            submit, data=forms_of(response.text)[submit], name="applicant send",
            catch_response=True,
        ) as sent:  # fmt: skip
            self.expect(sent, 200, None)

    @task(1)
    def key_notice(self):
        with self.client.get(
            f"/applicant/contracts/{os.environ['BENCH_DEMO_CONTRACT']}/key-notice.pdf",
            name="applicant key notice PDF", catch_response=True,
        ) as response:  # fmt: skip
            self.expect(response, 200, None)


class BranchStaff(_Signed):
    """支店の担当者: the queue paged and searched, applications opened and issued."""

    weight = 2
    cookie_variable = "BENCH_BRANCH_COOKIE"

    @task(3)
    def queue(self):
        for query, name in (
            ("", "branch queue"),
            ("?page=3&sort=submitted", "branch queue page 3"),
            ("?q=%E5%A4%A7%E4%BB%99", "branch search 2 chars"),
            ("?q=%E6%A9%8B%E6%A2%81%E8%A3%9C%E4%BF%AE", "branch search 4 chars"),
        ):
            with self.client.get(f"/branch/{query}", name=name, catch_response=True) as r:
                self.expect(r, 200, "受付一覧")

    @task(1)
    def issue(self):
        first, count = int(os.environ["BENCH_FIRST_WAITING"]), int(os.environ["BENCH_WAITING"])
        application = first + 10 * (next(_WAITING) % count)
        path = f"/branch/applications/{application}"
        with self.client.get(path, name="branch application", catch_response=True) as page:
            self.expect(page)
        form = forms_of(page.text).get(f"{path}/issue")
        if form is None:  # issued already (a repeated run)
            return
        form["confirmed"] = "yes"  # the confirmation box a person ticks before 発行
        with self.client.post(
            f"{path}/issue", data=form, name="branch issue", catch_response=True
        ) as issued:
            self.expect(issued, 200, "保証を発行しました")
