"""A class on one machine: N students, each a real kernel dragging lesson 01's sliders.

Each simulated student is a Jupyter kernel (started by jupyter_client, as a single-user
server starts one) that runs every code cell of lesson 01, then builds lesson 01's demo
(`demos.neuron_explorer(rng=42)`) and drags its sliders as a person does: bursts of 15-25
moves about 50 ms apart (20 moves a second), each burst one slider in one direction, with
pauses of 0.8-2 s, the students starting within 1.5 s of each other. A move is the widget
message the browser sends (`comm_msg`, method "update"); a frame is the PNG the demo sends
back (ipympl's binary message), matched to the move whose values its readout shows.

Three ways of handling the moves, in the same run, on the same kernels:
- plain:       every move is sent and the kernel draws one frame per move (coalescing off),
               so a kernel that falls behind replays its whole queue;
- coalesced:   every move is sent; the demo draws the newest values and skips stale ones
               (neuron_lib/demos/base.py, Demo._on_change);
- jupyterlab:  as JupyterLab's widget front end sends: one update per slider in flight, the
               newest buffered until the kernel is idle; the demo coalesces too.

Printed per N and mode (the modes take turns in rounds, so that the machine's other load,
which varies, falls on all three): moves, frames, moves skipped (never drawn), median and
p90 time from a move (the hand's) to its frame being ready (the time the kernel stamped on
the frame's message; one clock, this machine's, so the reading process's own delays do not
count), the catch-up (from a burst's last move to the frame showing it; target <= 200 ms) and
the share of bursts within it, whether every burst ended on its last value, the kernels'
CPU (in cores) and CPU per move, the reading process's CPU (standing in for the single-user
servers that pass the messages on a hub) and the machine's busy share. Memory (resident
set) per kernel after lesson 01 (every kernel); after lesson 03, measured once on fresh
kernels (each notebook runs in a kernel of its own, and the figure does not depend on N);
and a JupyterLab server's. The machine may be shared: compare modes within one N, and read
absolute figures with the busy share.

    python benchmarks/classroom_load.py [--students 5 10 20 40] [--bursts 4] [--rounds 2]
                                        [--seed 0] [--lesson-03-kernels 5]
"""

import argparse
import ast
import asyncio
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil
import zmq
from jupyter_client.manager import AsyncKernelManager

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSON_01 = NOTEBOOKS / "01_single_neuron.ipynb"
LESSON_03 = NOTEBOOKS / "03_training_a_neuron.ipynb"
MOVE_INTERVAL = 0.050  # s: a drag sends about 20 moves a second
MOVE_JITTER = 0.010
MOVES_PER_BURST = (15, 25)
PAUSE = (0.8, 2.0)  # s between bursts
START_SPREAD = 1.5  # s: "now move the bias slider" does not start everyone at once
STEP = 0.03  # slider change per move
CATCH_UP_TARGET = 0.200  # s
DRAIN_TIMEOUT = 120  # s after its last move, a student stops waiting for the last frame
NORMAL_PRIORITY = os.getpriority(os.PRIO_PROCESS, 0)
MODES = ("plain", "coalesced", "jupyterlab")

DEMO = """
from neuron_lib import demos
_drag = demos.neuron_explorer(rng=42)  # lesson 01's demo, as its cell builds it
"""
DEMO_IDS = ("[s.model_id for s in _drag.sliders()]"
            " + [_drag.readout.model_id, _drag.live.canvas.model_id]")
DEMO_VALUES = "[s.value for s in _drag.sliders()]"
# The demo's sliders in display order: x1..x3, w1..w3, b. A drag moves a weight or the bias.
DRAGGED = (3, 4, 5, 6)
SLIDER_LIMIT = 3.0
TERMS = re.compile(r"z = (.*?)<br>")
NUMBER = re.compile(r"\(([−\-]?[\d.]+)\)")


def stamp(date):
    """Seconds since the epoch of a message's ISO 8601 "date" ("...Z" on Python 3.10 too)."""
    return datetime.datetime.fromisoformat(date.replace("Z", "+00:00")).timestamp()


def state_key(values):
    """The numbers the readout writes out, in its order: w1, x1, w2, x2, w3, x3, b."""
    x, w, b = values[0:3], values[3:6], values[6]
    return tuple(round(v, 2) + 0.0 for pair in zip(w, x) for v in pair) + (round(b, 2) + 0.0,)


def readout_key(html):
    """The same numbers, read back from the readout's HTML (U+2212 is its minus sign)."""
    match = TERMS.search(html)
    if not match:
        return None
    return tuple(round(float(n.replace("−", "-")), 2) + 0.0
                 for n in NUMBER.findall(match.group(1)))


def code_cells(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


class Burst:
    """One drag of one slider: its moves' times, its last move, and the catch-up."""

    def __init__(self):
        self.first = self.last = self.key = self.catch_up = None
        self.n_moves = 0

    def rate(self):
        """Moves per second, as the hand managed them."""
        return (self.n_moves - 1) / (self.last - self.first) if self.n_moves > 1 else None


class Run:
    """The moves one student made in one run, and the frames that answered them."""

    def __init__(self):
        self.moves = []  # (time, key)
        self.latest = {}  # key -> index of the latest move that produced it
        self.drawn = set()
        self.latencies = []
        self.bursts = []
        self.frames = 0

    def start_burst(self):
        self.bursts.append(Burst())

    def move(self, key):
        now = time.time()  # the clock of the messages' "date" stamps (same machine)
        self.latest[key] = len(self.moves)
        self.moves.append((now, key))
        burst = self.bursts[-1]
        burst.first = burst.first or now
        burst.n_moves += 1
        burst.last, burst.key, burst.catch_up = now, key, None  # timed from its latest move

    def frame(self, key, ready):
        """A frame showing `key`, sent by the kernel at `ready` (its message's date)."""
        self.frames += 1
        index = self.latest.get(key)
        if index is not None and index not in self.drawn:
            self.drawn.add(index)
            self.latencies.append(ready - self.moves[index][0])
        for burst in self.bursts:
            if burst.catch_up is None and burst.n_moves and burst.key == key:
                burst.catch_up = ready - burst.last

    def caught_up(self):
        return all(burst.catch_up is not None for burst in self.bursts)


class Student:
    """One kernel, its demo, and the hand that drags the demo's sliders."""

    def __init__(self, index):
        self.index = index
        self.run = None
        self.readout_id = self.canvas_id = None
        self.readout_topic = self.canvas_topic = None
        self.reader_error = None
        self.shown = None  # the readout's last values, as a key
        self.in_flight = {}  # comm id -> msg id of the update not yet answered (jupyterlab)
        self.buffered = {}  # comm id -> newest value waiting to be sent (jupyterlab)

    async def start(self):
        self.manager = AsyncKernelManager(kernel_name="python3")
        environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        # Its log (a warning about TCP without encryption on 127.0.0.1) would drown the table.
        await self.manager.start_kernel(cwd=str(NOTEBOOKS), env=environment,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.client = self.manager.client()
        self.client.start_channels()
        await self.client.wait_for_ready(timeout=120)
        self.process = psutil.Process(self.manager.provisioner.pid)
        self.process.nice(NORMAL_PRIORITY)  # not this process's raised one (see main)
        self.reader = asyncio.create_task(self._read_iopub())

    async def stop(self):
        self.reader.cancel()
        self.client.stop_channels()
        await self.manager.shutdown_kernel(now=True)

    async def execute(self, code, expressions=None):
        msg_id = self.client.execute(code, user_expressions=expressions or {})
        while True:
            reply = await self.client.get_shell_msg(timeout=600)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"student {self.index}: {content.get('ename')}: "
                               f"{content.get('evalue')}\n{code[:200]}")
        return {name: ast.literal_eval(value["data"]["text/plain"])
                for name, value in content.get("user_expressions", {}).items()}

    async def run_notebook(self, notebook):
        for source in code_cells(notebook):
            await self.execute(source)

    async def build_demo(self):
        found = await self.execute(DEMO, {"ids": DEMO_IDS, "values": DEMO_VALUES})
        *self.slider_ids, self.readout_id, self.canvas_id = found["ids"]
        self.values = list(found["values"])
        # Widget messages go out under the topic "comm-<id>", statuses under "kernel.…":
        # listen to the readout, the canvas and the statuses only.
        self.readout_topic = f"comm-{self.readout_id}".encode()
        self.canvas_topic = f"comm-{self.canvas_id}".encode()
        socket = self.client.iopub_channel.socket
        for topic in (self.readout_topic, self.canvas_topic, b"kernel."):
            socket.setsockopt(zmq.SUBSCRIBE, topic)
        socket.setsockopt(zmq.UNSUBSCRIBE, b"")

    def rss(self):
        return self.process.memory_info().rss

    async def _read_iopub(self):
        try:
            await self._read_iopub_forever()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a broken reader would pass for a kernel never answering
            self.reader_error = error
            raise

    async def _read_iopub_forever(self):
        # Read the kernel's broadcast raw, parsing only what the measurement needs: one
        # process reads for every student (a class's browsers sit on other machines), and a
        # full parse of every message would make it the bottleneck at 20 students and more.
        socket = self.client.iopub_channel.socket
        while True:
            parts = await socket.recv_multipart()
            split = parts.index(b"<IDS|MSG>")
            topic = parts[0] if split else b""
            header, parent, _, content, *buffers = parts[split + 2:]
            if topic == self.canvas_topic and buffers and self.run is not None:
                # Timed by the kernel's stamp, so that this reader's own delays do not count
                # against the kernels.
                self.run.frame(self.shown, stamp(json.loads(header)["date"]))
            elif topic == self.readout_topic:
                state = json.loads(content).get("data", {}).get("state", {})
                if "value" in state:
                    self.shown = readout_key(state["value"])
            elif (topic.endswith(b".status") and self.in_flight
                  and json.loads(content)["execution_state"] == "idle"):
                self._answered(json.loads(parent).get("msg_id"))

    def _answered(self, msg_id):
        """The kernel finished with `msg_id`: send the value buffered behind it, if any."""
        for comm_id, in_flight in list(self.in_flight.items()):
            if in_flight == msg_id:
                del self.in_flight[comm_id]
                if comm_id in self.buffered:
                    self.in_flight[comm_id] = self._send(comm_id, self.buffered.pop(comm_id))

    def _send(self, comm_id, value):
        message = self.client.session.msg("comm_msg", {
            "comm_id": comm_id,
            "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
        })
        self.client.shell_channel.send(message)
        return message["header"]["msg_id"]

    def _move(self, slider, value, throttled):
        self.values[slider] = value
        self.run.move(state_key(self.values))
        comm_id = self.slider_ids[slider]
        if not throttled:
            self._send(comm_id, value)
        elif comm_id in self.in_flight:
            self.buffered[comm_id] = value  # sent when the kernel answers the one in flight
        else:
            self.in_flight[comm_id] = self._send(comm_id, value)

    async def sweep(self, slider, values):
        """Send every value to `slider` at once (a queue of moves), then wait until the
        picture shows the last; return the Run."""
        self.run = Run()
        self.run.start_burst()
        for value in values:
            self._move(slider, value, throttled=False)
        await self._wait_for_last_frames()
        return self.run

    async def _wait_for_last_frames(self):
        deadline = time.monotonic() + DRAIN_TIMEOUT
        while not self.run.caught_up() and time.monotonic() < deadline:
            if self.reader_error is not None:
                raise RuntimeError(f"student {self.index}: reading the kernel's messages "
                                   f"failed") from self.reader_error
            await asyncio.sleep(0.01)


    async def drag(self, mode, n_bursts, rng):
        """Drag the sliders in `n_bursts` bursts, one slider one way each, then wait until
        the picture shows the last move of every burst."""
        self.run = Run()
        self.in_flight.clear()
        self.buffered.clear()
        throttled = mode == "jupyterlab"
        sliders = [DRAGGED[i % len(DRAGGED)] for i in range(n_bursts)]
        rng.shuffle(sliders)
        await asyncio.sleep(rng.uniform(0, START_SPREAD))
        directions = {}
        for slider in sliders:
            # Each slider goes one way for the whole run (towards its farther end), so that
            # no state repeats and every frame names the one move it shows.
            direction = directions.setdefault(slider, 1.0 if self.values[slider] <= 0 else -1.0)
            self.run.start_burst()
            for _ in range(rng.randint(*MOVES_PER_BURST)):
                value = round(self.values[slider] + direction * STEP, 2)
                if abs(value) > SLIDER_LIMIT:
                    break
                self._move(slider, value, throttled)
                await asyncio.sleep(MOVE_INTERVAL + rng.uniform(-MOVE_JITTER, MOVE_JITTER))
            if not self.run.bursts[-1].n_moves:
                self.run.bursts.pop()  # the slider was at its end already: no burst
            await asyncio.sleep(rng.uniform(*PAUSE))
        await self._wait_for_last_frames()


def split(n_bursts, n_rounds):
    """`n_bursts` spread over at most `n_rounds` rounds: split(4, 2) == [2, 2]."""
    n_rounds = min(n_rounds, n_bursts)
    return [n_bursts // n_rounds + (i < n_bursts % n_rounds) for i in range(n_rounds)]


def cpu_seconds(processes):
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def percentile(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def one_run(students, mode, n_bursts, rng):
    """Every student drags `n_bursts` bursts in `mode`; the raw figures of that run."""
    coalesce = mode != "plain"
    await asyncio.gather(*(s.execute(f"_drag.coalesce_moves = {coalesce}") for s in students))
    kernels = [s.process for s in students]
    own = psutil.Process()
    cpu_before, own_before = cpu_seconds(kernels), cpu_seconds([own])
    machine_before = psutil.cpu_times()
    start = time.perf_counter()
    seeds = [rng.random() for _ in students]
    await asyncio.gather(*(s.drag(mode, n_bursts, random.Random(seed))
                           for s, seed in zip(students, seeds)))
    machine_after = psutil.cpu_times()
    runs = [s.run for s in students]
    return {
        "moves": sum(len(r.moves) for r in runs), "frames": sum(r.frames for r in runs),
        "drawn": sum(len(r.drawn) for r in runs),
        "latencies": [latency for r in runs for latency in r.latencies],
        "catch_ups": [b.catch_up for r in runs for b in r.bursts if b.catch_up is not None],
        "rates": [b.rate() for r in runs for b in r.bursts if b.rate() is not None],
        "bursts": sum(len(r.bursts) for r in runs),
        "kernel_cpu": cpu_seconds(kernels) - cpu_before,
        "client_cpu": cpu_seconds([own]) - own_before,
        "wall": time.perf_counter() - start,
        "idle": machine_after.idle - machine_before.idle,
        "total": sum(machine_after) - sum(machine_before),
    }


def summary(mode, runs):
    """One row of the table from the runs of one mode (rounds interleaved with the others)."""
    total = {key: sum(run[key] for run in runs) if not isinstance(runs[0][key], list)
             else [value for run in runs for value in run[key]] for key in runs[0]}
    latencies, catch_ups = total["latencies"], total["catch_ups"]
    return {
        "mode": mode, "moves": total["moves"], "frames": total["frames"],
        "rate": statistics.median(total["rates"]),
        "skipped": total["moves"] - total["drawn"],
        "median": statistics.median(latencies) if latencies else float("nan"),
        "p90": percentile(latencies, 0.9),
        "catch_up_median": statistics.median(catch_ups) if catch_ups else float("nan"),
        "catch_up_p90": percentile(catch_ups, 0.9),
        "catch_up_max": max(catch_ups, default=float("nan")),
        "within_target": sum(c <= CATCH_UP_TARGET for c in catch_ups) / total["bursts"],
        "all_final": len(catch_ups) == total["bursts"],
        "kernel_cores": total["kernel_cpu"] / total["wall"],
        "cpu_per_move": total["kernel_cpu"] / total["moves"],
        "client_cores": total["client_cpu"] / total["wall"],
        "busy": 1 - total["idle"] / total["total"],
    }


def print_header():
    print(f"{'N':>3} {'mode':<11} {'moves':>6} {'/s':>4} {'frames':>6} {'skipped':>7} "
          f"{'median':>7} {'p90':>7} {'catch-up med/p90/max':>22} {'<=200ms':>7} "
          f"{'final':>5} {'kernels':>7} {'CPU/move':>8} {'client':>6} {'busy':>5}")


def print_row(n, row):
    def ms(seconds):
        return f"{seconds * 1000:.0f}"

    catch_up = "/".join(ms(row[k]) for k in ("catch_up_median", "catch_up_p90", "catch_up_max"))
    print(f"{n:>3} {row['mode']:<11} {row['moves']:>6} {row['rate']:>4.0f} {row['frames']:>6} "
          f"{row['skipped']:>7} "
          f"{ms(row['median']):>5}ms {ms(row['p90']):>5}ms {catch_up:>20}ms "
          f"{row['within_target']:>7.0%} {'yes' if row['all_final'] else 'NO':>5} "
          f"{row['kernel_cores']:>6.2f}c {row['cpu_per_move'] * 1000:>6.1f}ms "
          f"{row['client_cores']:>5.2f}c {row['busy']:>5.0%}", flush=True)


def server_rss():
    """Resident memory of one JupyterLab server just started (one runs per student)."""
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from lab_driver import Lab

    lab = Lab(ROOT)
    try:
        return psutil.Process(lab.process.pid).memory_info().rss
    finally:
        lab.stop()


async def lesson_03_rss(n_kernels):
    """Resident memory of fresh kernels that ran lesson 03 (each notebook has its own)."""
    kernels = [Student(1000 + i) for i in range(n_kernels)]
    try:
        await asyncio.gather(*(s.start() for s in kernels))
        await asyncio.gather(*(s.run_notebook(LESSON_03) for s in kernels))
        return [s.rss() for s in kernels]
    finally:
        await asyncio.gather(*(s.stop() for s in kernels), return_exceptions=True)


async def main(arguments):
    # This one process plays every student's hand and browser, which in a class sit on other
    # machines: on a saturated machine it would move late and slow and so offer the kernels
    # less work than N students do. The highest priority keeps its timing as far as it can (it
    # needs ~0.1-0.2 core); the kernels keep the normal one. Past saturation (40 students on 2
    # cores) the hands still slow down: the "/s" column shows the rate they achieved.
    try:
        os.nice(-20)
    except PermissionError:
        print("(not allowed to raise this process's priority: the hands may move slower "
              "than 20/s on a saturated machine; see the /s column)")
    rng = random.Random(arguments.seed)
    students = []
    memory = {}
    print(f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB, load "
          f"average {os.getloadavg()[0]:.1f} before; {arguments.bursts} bursts per student per "
          f"mode in {arguments.rounds} rounds, 20 moves/s while dragging\n")
    print_header()
    try:
        for n in sorted(set(arguments.students)):
            new = [Student(i) for i in range(len(students), n)]
            students += new
            await asyncio.gather(*(s.start() for s in new))
            await asyncio.gather(*(s.run_notebook(LESSON_01) for s in new))
            await asyncio.gather(*(s.build_demo() for s in new))
            memory[n] = [s.rss() for s in students]
            # The modes take turns, a round each, so that a change in the machine's other
            # load (it is shared) does not fall on one mode only.
            runs = {mode: [] for mode in MODES}
            for round_bursts in split(arguments.bursts, arguments.rounds):
                for mode in MODES:
                    runs[mode].append(await one_run(students, mode, round_bursts, rng))
            for mode in MODES:
                print_row(n, summary(mode, runs[mode]))
    finally:
        await asyncio.gather(*(s.stop() for s in students), return_exceptions=True)
    print("\nMemory per student kernel (resident set): median (max)")
    for n, sizes in memory.items():
        print(f"  {n:>3} kernels after lesson 01 and the drags: "
              f"{statistics.median(sizes) / 2**20:.0f} MB ({max(sizes) / 2**20:.0f} MB)")
    sizes = await lesson_03_rss(arguments.lesson_03_kernels)
    print(f"  {len(sizes):>3} fresh kernels after lesson 03: "
          f"{statistics.median(sizes) / 2**20:.0f} MB ({max(sizes) / 2**20:.0f} MB)")
    print(f"  a JupyterLab server, just started: {server_rss() / 2**20:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument("--bursts", type=int, default=4, choices=range(1, 9),
                        help="bursts per student per mode (at most 8: each slider twice)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="the modes take turns in this many rounds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lesson-03-kernels", type=int, default=5,
                        help="fresh kernels that run lesson 03 for its memory figure")
    asyncio.run(main(parser.parse_args()))
