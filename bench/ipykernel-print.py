# The ipykernel figure beside `tessera run`'s: the time of one code cell printing N lines through
# nbclient and ipykernel, beyond a trivial cell's, in one kernel session (the best of a few rounds),
# printed in ms. Run by bench/runtime.bench.ts with Debian's python3-nbclient and python3-ipykernel.
import sys, time, nbformat
from nbclient import NotebookClient
n = int(sys.argv[1]); rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell("0"), nbformat.v4.new_code_cell(f"for i in range({n}): print(i)")]
client = NotebookClient(nb, kernel_name='python3')
best = {0: float('inf'), 1: float('inf')}
with client.setup_kernel():
    for r in range(rounds):
        for index in (0, 1):
            nb.cells[index].outputs = []
            t = time.perf_counter()
            client.execute_cell(nb.cells[index], index)
            best[index] = min(best[index], time.perf_counter() - t)
lines = sum(o.get('text', '').count('\n') for o in nb.cells[1].outputs if o.output_type == 'stream')
assert lines == n, (lines, n)
print(f"{(best[1] - best[0]) * 1000:.1f}")
