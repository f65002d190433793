"""Child processes that end with their parent: a worker or server left behind by a killed
rebuild or server would keep its locks, its port and its memory."""
from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, how: int = signal.SIGKILL) -> None:
    """Have the kernel send `how` to this process when its parent (pid `parent`) ends."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, how)
    except (OSError, AttributeError):
        return  # not Linux
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)
