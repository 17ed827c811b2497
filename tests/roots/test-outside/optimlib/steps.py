"""Gradient steps of the optimiser."""


def ridge_gradient(A, x, b, lam):
    """Gradient of the ridge objective.

    Notes
    -----
    The gradient this function returns:

    .. mc:identity:: ridge-gradient
       :where: A: m x n; x: n; b: m; lam: scalar

       d(norm(A @ x - b)**2 + lam * norm(x)**2, x)
         == 2 * A.T @ (A @ x - b) + 2 * lam * x
    """
    return 2 * A.T @ (A @ x - b) + 2 * lam * x


def bilinear_gradient(a, X, b):
    """Gradient of a bilinear form by its matrix.

    .. mc:identity:: bilinear-gradient
       :where: a: n; X: n x n; b: n

       d(a.T @ X @ b, X) == a @ b.T
    """
    return a @ b.T
