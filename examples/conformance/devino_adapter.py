"""A small Devino SMS client, written the way a Python team writes one: the standard library's
urllib, its own session handling (log in on first use, log in again when Devino says the session
expired), Devino's errors raised as DevinoError with Devino's own code.

It knows nothing about the simulator or the conformance kit: point it at https://integrationapi.net/rest
in production and at the simulator's /devino/rest in tests.
"""
import json
import threading
import urllib.error
import urllib.parse
import urllib.request


class DevinoError(Exception):
    """Devino answered with {"Code": n, "Desc": "..."}."""

    def __init__(self, code, desc, http_status):
        super().__init__(f"Devino error {code}: {desc}")
        self.code = code
        self.desc = desc
        self.http_status = http_status

    @property
    def is_session_error(self):
        # 3: a session id Devino never issued; 4 with "expired": one that ran out (120 minutes).
        return self.code == 3 or (self.code == 4 and "expired" in self.desc.lower())


class DevinoClient:
    def __init__(self, base_url, login, password, timeout=30):
        self.base_url = base_url.rstrip("/")
        self.login = login
        self.password = password
        self.timeout = timeout
        self._session_id = None
        self._lock = threading.Lock()

    # -- transport -------------------------------------------------------------------------------

    def _request(self, method, path, params):
        params = {k: v for k, v in params.items() if v is not None}
        url = self.base_url + path
        data = None
        headers = {"Accept": "application/json"}
        if method == "GET":
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        else:
            data = urllib.parse.urlencode(params, doseq=True).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            try:
                payload = json.loads(body)
            except ValueError:
                raise RuntimeError(f"Devino {path}: HTTP {error.code}: {body[:200]}") from None
            fields = {k.lower(): v for k, v in payload.items()} if isinstance(payload, dict) else {}
            if "code" not in fields:
                raise RuntimeError(f"Devino {path}: HTTP {error.code}: {body[:200]}") from None
            raise DevinoError(fields["code"], fields.get("desc", ""), error.code) from None

    # -- session ---------------------------------------------------------------------------------

    def _session(self, renew=False):
        with self._lock:
            if renew or self._session_id is None:
                self._session_id = self._request("GET", "/User/SessionId", {"Login": self.login, "Password": self.password})
            return self._session_id

    def _with_session(self, method, path, params):
        try:
            return self._request(method, path, dict(params, SessionID=self._session()))
        except DevinoError as error:
            if not error.is_session_error:
                raise
            return self._request(method, path, dict(params, SessionID=self._session(renew=True)))

    # -- operations ------------------------------------------------------------------------------

    def balance(self):
        return self._with_session("GET", "/User/Balance", {})

    def send_sms(self, sender, to, text, validity_minutes=None, send_date=None):
        """One message id per segment."""
        return self._with_session("POST", "/Sms/Send", {
            "SourceAddress": sender,
            "DestinationAddress": to,
            "Data": text,
            "Validity": validity_minutes,
            "SendDate": send_date,
        })

    def send_sms_bulk(self, sender, numbers, text, validity_minutes=None, send_date=None):
        return self._with_session("POST", "/Sms/SendBulk", {
            "SourceAddress": sender,
            "DestinationAddresses": list(numbers),
            "Data": text,
            "Validity": validity_minutes,
            "SendDate": send_date,
        })

    def sms_state(self, message_id):
        return self._with_session("GET", "/Sms/State", {"MessageID": message_id})
