"""Runs a command in a real pseudo-terminal and relays it: our stdin goes to the terminal's
keyboard, the terminal's screen output comes out on our stdout. Exits with the command's exit
code (128 + N when it was killed by signal N). Used by the wizard tests to type like a person."""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

ROWS, COLUMNS = 50, 160

pid, terminal = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])

watching = [terminal, 0]
while True:
    readable, _, _ = select.select(watching, [], [])
    if terminal in readable:
        try:
            data = os.read(terminal, 65536)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in readable:
        data = os.read(0, 65536)
        if data:
            os.write(terminal, data)
        else:
            watching = [terminal]

_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(128 - code if code < 0 else code)
