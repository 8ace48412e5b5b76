"""The lesson's settings, shared by every page: the seed run, the 1D recap, the experiments."""

from __future__ import annotations

import numpy as np

#: The seed notebook's run on peaks: start, learning rate, epochs.
SEED_START = (0.0, 1.4)
SEED_LR = 0.01
SEED_EPOCHS = 1000
#: The run as keyword arguments (``descend(..., **SEED)``, a registry entry's params).
SEED = {"start": SEED_START, "learning_rate": SEED_LR, "epochs": SEED_EPOCHS}
#: Gradient norm at which the playground calls a run converged and stops (the exercises that send
#: the reader to the playground stop their runs the same way).
PLAYGROUND_TOL = 1e-10
#: The contour lines of a live map (and of the home page's map, drawn alike): f on a
#: ``CONTOUR_GRID``² grid of the domain, at the levels matplotlib picks for ``CONTOUR_LEVELS``.
CONTOUR_GRID = 121
CONTOUR_LEVELS = 15
#: Where the terms page slices peaks to show ∂f/∂x as a slope.
SLICE_POINT = (-0.6, 0.5)
#: The 1D recap: start, learning rate, epochs.
RECAP = {"start": -1.5, "learning_rate": 0.05, "epochs": 30}
#: The "unfortunate starting value" challenge: a start on the maximum, and one just beside it.
RIPPLE = {"starts": (0.0, 0.1), "learning_rate": 0.01, "epochs": 200}
#: The separable function's run.
SEPARABLE = {"start": (-1.2, 0.3), "learning_rate": 0.01, "epochs": 300}
#: The basin map and the restarts.
BASINS = {"learning_rate": 0.01, "epochs": 1000, "grid": 101}
#: The exercises' learning rates (the seed's explorations).
EXERCISE_LRS = (0.1, 0.5, 0.00001)
#: Learning rates and epochs of the parametric experiment.
#: (21 rates, four per decade, rounded to three digits as the pages print them)
GRID_LRS = tuple(float(f"{v:.3g}") for v in np.logspace(-5, 0, 21))
GRID_EPOCHS = (10, 30, 100, 300, 1000, 3000, 10000)
#: Learning rates whose basin maps are compared: below the global minimum's stability limit, then
#: just above it and above it (the two other minima's limits are higher than all three).
LIMIT_LRS = (0.05, 0.07, 0.1)
#: Learning rates below the safe bound 2/L at which the home and minima pages check, along every
#: run of the basin map, that f never rises (the map's own rate and the smallest compared one).
SAFE_LRS = (0.01, 0.05)
#: How many times the basin map's epochs the grey starts get, to see which were only slow.
GREY_EPOCHS_FACTOR = 10
#: Learning rates whose arrival times the exercises compare: well below the lesson minimum's
#: stability limit (halving doubles the epochs), and close to it (the zigzag slows arrival).
ARRIVAL_LRS = (0.01, 0.02, 0.05, 0.1, 0.12)
#: Exercise 6: a start in the deep valley, and learning rates just below, closer below, and above
#: the global minimum's stability limit (the reader predicts the limit from the Hessian).
PREDICT = {"start": (0.2, -1.3), "rates": (0.06, 0.065, 0.07), "epochs": 1000}
#: The curvature page's saddle runs: the saddle nearest ``near``; starts ``distance`` out along its
#: incoming eigenvector, on the set that leads into the saddle, then pushed ``offsets`` along its
#: outgoing eigenvector; "near the saddle" is within ``radius``.
SADDLE = {
    "near": (0.4, -0.4),
    "distance": 0.4,
    "offsets": (1e-2, 1e-4, 1e-6, 1e-8),
    "radius": 0.1,
    "learning_rate": SEED_LR,
    "epochs": 300,
}
#: The curvature page's elongated bowl: one start; the paths' epochs and their small and near-limit
#: learning rates (the best one, 2/(λmin + λmax), is computed); the rate sweep and its epochs.
BOWL = {"start": (-2.5, 1.0), "epochs": 30, "rates": (0.02, 0.095)}
#: Exercise 7: the same elongated bowl from the curvature page's start (so the exercise, the
#: playground's preset and its default start on the bowl are the run the reader met there), three
#: learning rates, and the distance to the minimum that counts as arrived.
EX_BOWL = {"start": BOWL["start"], "rates": (0.05, 0.09, 0.1), "epochs": 1000, "tol": 1e-6}
BOWL_SWEEP = {"rates": tuple(round(0.004 * k, 3) for k in range(1, 25)), "epochs": 400}
#: Learning rates whose basin maps the curvature page compares (log-spaced, three digits).
SHARE_LRS = tuple(float(f"{v:.3g}") for v in np.logspace(np.log10(0.003), np.log10(0.2), 22))
#: The playground's race (its preset ``race``, linked from the noise page): plain descent, momentum
#: and gradient noise from the reference start at the reference run's rate and epochs, with the
#: momentum page's largest β and the playground's noise preset's σ and seed (a test holds the two
#: presets to the same σ and seed).
RACE = {**SEED, "momentum": 0.9, "noise": 2.0, "seed": 0}
#: Exercise 8: the long bowl's loss curve at a learning rate where the two eigen-directions'
#: squared factors differ clearly; the loss band in which its late slope is read (as on the loss
#: page).
EX_LOSS = {"start": BOWL["start"], "learning_rate": 0.08, "epochs": 1000, "band": (1e-6, 1e-12)}
#: Exercise 9: plain descent at its best rate against momentum at its best pair, on the same bowl
#: from the same start (the best rate and pair are computed from the Hessian).
EX_MOMENTUM = {"start": BOWL["start"], "epochs": EX_BOWL["epochs"]}
#: Exercise 10: momentum on peaks at a rate above the global minimum's plain limit: from the
#: reference start and from a start beside the global minimum, without momentum and with it.
EX_PEAKS_MOMENTUM = {
    "starts": (SEED_START, (0.2, -1.6)),
    "learning_rate": 0.1,
    "momentum": 0.9,
    "epochs": SEED_EPOCHS,
}
#: Exercise 11: the reference run with gradient noise (the playground's noise preset), over seeds.
EX_NOISE = {
    "start": SEED_START,
    "learning_rate": SEED_LR,
    "epochs": SEED_EPOCHS,
    "noise": 2.0,
    "seeds": (0, 1, 2, 3, 4),
}
