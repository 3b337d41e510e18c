"""An SMTP server on loopback for the tests: it takes mail, or it stalls as a broken mail
server does (accepts the connection and never greets), or it refuses every message, as told.

Used in-process (tests/test_mail_queue.py) and by the deployment stack
(tests/deployment/stack.py), where the site's mail worker sends to it."""

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message


@dataclass
class Received:
    sender: str
    recipients: list
    data: bytes

    @property
    def message(self) -> Message:
        return message_from_bytes(self.data)


@dataclass
class FakeMailServer:
    port: int = 0
    mode: str = "serve"  # "serve", "stall" or "refuse"
    received: list = field(default_factory=list)
    connections: int = 0
    refused_recipients: set = field(default_factory=set)  # answered 550 in any mode

    def __post_init__(self):
        self._socket = socket.create_server(("127.0.0.1", self.port))
        self.port = self._socket.getsockname()[1]
        self._held = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def stall(self) -> None:
        self.mode = "stall"

    def refuse(self) -> None:
        self.mode = "refuse"

    def recover(self) -> None:
        """Take mail again; connections held while stalled are dropped, as a restart would."""
        self.mode = "serve"
        with self._lock:
            held, self._held = self._held, []
        for connection in held:
            connection.close()

    def close(self) -> None:
        self._closed = True
        self._socket.close()
        self.recover()

    def _accept(self) -> None:
        while not self._closed:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            if self.mode == "stall":
                with self._lock:
                    self._held.append(connection)
                continue
            threading.Thread(target=self._converse, args=(connection,), daemon=True).start()

    def _converse(self, connection: socket.socket) -> None:
        refuse = self.mode == "refuse"
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"220 fake.example ESMTP\r\n")
            sender, recipients = "", []
            for line in lines:
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    reply = b"250 fake.example"
                elif verb == b"MAIL":
                    sender, recipients = line[10:].strip().decode(), []
                    reply = b"250 OK"
                elif verb == b"RCPT":
                    recipient = line[8:].strip().decode()
                    if recipient.strip("<>") in self.refused_recipients:
                        reply = b"550 No such user"
                    else:
                        recipients.append(recipient)
                        reply = b"250 OK"
                elif verb == b"DATA":
                    if refuse:
                        reply = b"554 Transaction failed"
                    else:
                        connection.sendall(b"354 Go ahead\r\n")
                        data = b""
                        for data_line in lines:
                            if data_line == b".\r\n":
                                break
                            data += data_line
                        with self._lock:
                            self.received.append(Received(sender, recipients, data))
                        reply = b"250 Queued"
                elif verb == b"QUIT":
                    connection.sendall(b"221 Bye\r\n")
                    return
                else:
                    reply = b"250 OK"
                connection.sendall(reply + b"\r\n")
