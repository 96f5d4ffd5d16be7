"""Drive a command through a real pseudo-terminal, like a person typing.

Usage: python3 pty-drive.py STEPS_JSON -- COMMAND [ARGS...]

STEPS_JSON is a list of steps: {"expect": TEXT} waits until TEXT appears in the output
written since the previous expect matched (escape sequences removed), {"send": TEXT}
types TEXT (use "\\r" for Enter, "\\t" for Tab, "\\x03" for Ctrl-C, "\\x04" for Ctrl-D).
Each expect gives up after "timeout" seconds (default 8). At the end the driver waits
for the command to exit and prints the whole transcript (escapes removed) on stdout.
Exit code: the command's, or 90 when an expect timed out, 91 when the command did not exit.
"""

import json
import os
import pty
import re
import select
import sys
import time

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")


def clean(raw: bytes) -> str:
    return ESCAPES.sub("", raw.decode("utf-8", "replace")).replace("\r\n", "\n")


def main() -> int:
    steps = json.loads(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1 :]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    output = b""
    seen = 0

    def read_some(deadline: float) -> bool:
        nonlocal output
        wait = max(0.0, deadline - time.time())
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        output += chunk
        return True

    for step in steps:
        if "send" in step:
            os.write(fd, step["send"].encode("utf-8"))
            continue
        deadline = time.time() + step.get("timeout", 8)
        while True:
            text = clean(output)
            at = text.find(step["expect"], seen)
            if at >= 0:
                seen = at + len(step["expect"])
                break
            if not read_some(deadline):
                sys.stdout.write(clean(output))
                sys.stdout.write(f"\n[pty-drive] timed out waiting for {step['expect']!r}\n")
                os.kill(pid, 9)
                return 90

    deadline = time.time() + 10
    while time.time() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            while read_some(time.time() + 0.05):
                pass
            sys.stdout.write(clean(output))
            return os.waitstatus_to_exitcode(status)
        read_some(time.time() + 0.05)
    sys.stdout.write(clean(output))
    os.kill(pid, 9)
    return 91


sys.exit(main())
