"""pytest set-up shared by the tests and the doctests in helpers/."""

import matplotlib

# Draw off-screen in the test process. (Notebook kernels run in their own
# processes with the inline backend; this does not touch them.)
matplotlib.use("Agg")
