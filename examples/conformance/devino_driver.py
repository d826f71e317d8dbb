#!/usr/bin/env python3
"""Conformance driver (protocol 1, docs/conformance-protocol.md) around devino_adapter.DevinoClient.

    npx provider-sim conform --provider devino --driver "python3 examples/conformance/devino_driver.py"

The kit writes one JSON message per line to stdin and reads one per line from stdout; stderr is ours.
The adapter manages its own session, so it declares "sessions": "managed" and implements only the
operations it has: the kit runs the cases of those and reports the others as not covered.
"""
import json
import sys

from devino_adapter import DevinoClient, DevinoError

OPERATIONS = ["getBalance", "sendSms", "sendSmsBulk", "getSmsState"]


def error_code(error):
    """The provider's own code, as text: Devino's number."""
    return str(error.code)


def call(client, operation, params):
    if operation == "getBalance":
        return client.balance()
    if operation == "sendSms":
        return client.send_sms(params.get("SourceAddress"), params.get("DestinationAddress"), params.get("Data"),
                               params.get("Validity"), params.get("SendDate"))
    if operation == "sendSmsBulk":
        return client.send_sms_bulk(params.get("SourceAddress"), params.get("DestinationAddresses") or [], params.get("Data"),
                                    params.get("Validity"), params.get("SendDate"))
    if operation == "getSmsState":
        return client.sms_state(params.get("MessageID"))
    raise ValueError(f"operation {operation} is not implemented")


def main():
    clients = {}
    hello = None

    def reply(message):
        sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    for line in sys.stdin:
        message = json.loads(line)
        if message["type"] == "hello":
            hello = message
            reply({"type": "hello", "operations": OPERATIONS, "sessions": "managed"})
            continue
        credentials = message.get("credentials") or hello["credentials"]
        key = (credentials["login"], credentials["password"])
        if key not in clients:
            clients[key] = DevinoClient(hello["baseUrl"], *key)
        try:
            value = call(clients[key], message["operation"], message["params"])
            reply({"type": "result", "id": message["id"], "ok": True, "value": value})
        except DevinoError as error:
            reply({"type": "result", "id": message["id"], "ok": False, "error": {"code": error_code(error), "message": error.desc}})
        except Exception as error:  # not Devino's: the kit reports it as a failure without a code
            print(f"driver: {operation_name(message)} failed: {error!r}", file=sys.stderr)
            reply({"type": "result", "id": message["id"], "ok": False, "error": {"message": repr(error)}})


def operation_name(message):
    return message.get("operation") or message.get("callback") or message["type"]


if __name__ == "__main__":
    main()
