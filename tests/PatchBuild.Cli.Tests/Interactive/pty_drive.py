"""Runs a program under a real pseudo-terminal and answers its questions.

Usage: python3 pty_drive.py SPEC.json
SPEC: {"argv": [...], "cwd": "...", "env": {"NAME": "value" or null to remove},
       "prompt": "text that ends each question", "answers": ["y", "n", ...]}

Each time the prompt appears one more time than answers were sent, the next answer is typed followed by Enter.
No sleeps: the driver waits for the program's own output. The child's whole terminal output is written to
stdout (raw bytes), and the driver exits with the child's exit code. A hang guard kills a child that stops
producing output for a long time (exit 124), so a broken build cannot block CI forever.
"""
import json
import os
import pty
import select
import signal
import sys

HANG_GUARD_SECONDS = 300


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)

    env = dict(os.environ)
    for name, value in spec.get("env", {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value

    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(spec["cwd"])
        os.execvpe(spec["argv"][0], spec["argv"], env)

    prompt = spec["prompt"].encode("utf-8")
    answers = list(spec.get("answers", []))
    sent = 0
    transcript = bytearray()
    while True:
        ready, _, _ = select.select([fd], [], [], HANG_GUARD_SECONDS)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sys.stdout.buffer.write(bytes(transcript) + b"\n[pty_drive: no output, child killed]\n")
            return 124
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break  # EIO: the child closed the terminal
        if not chunk:
            break
        transcript += chunk
        while transcript.count(prompt) > sent and sent < len(answers):
            os.write(fd, (answers[sent] + "\n").encode("utf-8"))
            sent += 1
        if transcript.count(prompt) > len(answers) and sent == len(answers):
            # Asked more than the test planned to answer: end the input like Ctrl-D so the tool sees EOF.
            os.write(fd, b"\x04")
            sent += 1

    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(bytes(transcript))
    sys.stdout.flush()
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
