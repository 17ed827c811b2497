"""Complex identities: ``TRUE_COMPLEX`` must verify, ``WRONG_COMPLEX`` must be refuted,
``MALFORMED_COMPLEX`` must be rejected — in the formats of the real tables beside them.

Conventions (docs/language.md): ``d(f, Z)`` is the Wirtinger derivative ∂f/∂Z, entry
``[i, j] = ½(∂f/∂Re Zᵢⱼ − i ∂f/∂Im Zᵢⱼ)``, in the shape of Z; ``d(f, conj(Z))`` is ∂f/∂Z̄
(``+ i``); ``jac`` in numerator layout; ``differential`` the real-linear differential. For a
real f the Cookbook's complex gradient is ``2 * d(f, conj(Z))``. The wrong entries are the
mistakes people make with these conventions: Zᵀ for Zᴴ, a lost or extra factor 2 or ½, a
non-holomorphic function differentiated as if it were holomorphic, a conj in the wrong place.
"""

AZ = "A: n x n complex; Z: n x n complex"
AZmn = "A: n x m complex; Z: m x n complex"
Az = "A: n x n complex; z: n complex"
AzH = "A: n x n complex hermitian; z: n complex"
Amz = "A: m x n complex; z: n complex"
ZI = "Z: n x n complex invertible"
C = "c: scalar complex"
LMS = "w: n complex; x: n complex; s: scalar complex"

TRUE_COMPLEX = [
    # -- traces: holomorphic in Z, and in conj(Z) -----------------------------------------------
    ("c-tr-AZ", "d(tr(A @ Z), Z) == A.T", AZmn, "Wirtinger; Cookbook eq. 100 over C"),
    ("c-tr-AZ-conj", "d(tr(A @ Z), conj(Z)) == zeros(m, n)", AZmn, "holomorphic: no Z-bar dependence"),
    ("c-tr-AconjZ", "d(tr(A @ conj(Z)), Z) == zeros(m, n)", AZmn, "anti-holomorphic"),
    ("c-tr-AconjZ-conj", "d(tr(A @ conj(Z)), conj(Z)) == A.T", AZmn, "Wirtinger"),
    ("c-tr-AZH-conj", "d(tr(A @ Z.H), conj(Z)) == A", "A: m x n complex; Z: m x n complex", "Wirtinger"),
    ("c-tr-AZH", "d(tr(A @ Z.H), Z) == zeros(m, n)", "A: m x n complex; Z: m x n complex", "Wirtinger"),
    ("c-tr-ZZH", "d(tr(Z @ Z.H), Z) == conj(Z)", "Z: m x n complex", "Wirtinger"),
    ("c-tr-ZZH-conj", "d(tr(Z @ Z.H), conj(Z)) == Z", "Z: m x n complex", "Wirtinger"),
    ("c-tr-Z2", "d(tr(Z @ Z), Z) == 2 * Z.T", "Z: n x n complex", "Cookbook eq. 106 over C"),
    ("c-tr-ZHAZ-conj", "d(tr(Z.H @ A @ Z), conj(Z)) == A @ Z", "A: m x m complex; Z: m x n complex", "Wirtinger"),
    ("c-tr-ZHAZ", "d(tr(Z.H @ A @ Z), Z) == A.T @ conj(Z)", "A: m x m complex; Z: m x n complex", "Wirtinger"),
    ("c-tr-inv", "d(tr(inv(Z)), Z) == -(inv(Z) @ inv(Z)).T", ZI, "Cookbook eq. 124 over C"),
    (
        "c-tr-inv-shift",
        "d(tr(inv(A + Z)), Z) == -(inv(A + Z) @ inv(A + Z)).T",
        AZ,
        "an inverse that may be ill-conditioned: the differences fall back to small steps",
    ),
    ("c-tr-kron", "d(tr(kron(Z, B)), Z) == tr(B) * I(n)", "Z: n x n complex; B: m x m complex", "Cookbook eq. 104"),
    ("c-sum-hadamard", "d(sum(Z * conj(Z)), Z) == conj(Z)", "Z: m x n complex", "Wirtinger"),
    ("c-tr-realZ", "d(tr(real(Z)), Z) == I(n) / 2", "Z: n x n complex", "Re z = (z + z-bar) / 2"),
    ("c-re-trAZ", "d(real(tr(A @ Z)), Z) == A.T / 2", AZ, "real f: half of the holomorphic part"),
    ("c-re-trAZ-conj", "d(real(tr(A @ Z)), conj(Z)) == A.H / 2", AZ, "conj of the Z-derivative, f real"),
    # -- quadratic and bilinear forms ----------------------------------------------------------
    ("c-zHAz-conj", "d(z.H @ A @ z, conj(z)) == A @ z", Az, "Wirtinger"),
    ("c-zHAz", "d(z.H @ A @ z, z) == A.T @ conj(z)", Az, "Wirtinger"),
    ("c-zHAz-herm", "d(z.H @ A @ z, z) == conj(A @ z)", AzH, "A Hermitian: A.T = conj(A)"),
    ("c-zTAz", "d(z.T @ A @ z, z) == (A + A.T) @ z", Az, "Cookbook eq. 81 over C"),
    ("c-aHZb", "d(a.H @ Z @ b, Z) == conj(a) @ b.T", "a: m complex; Z: m x n complex; b: n complex", "Wirtinger"),
    ("c-re-zHAz-conj", "d(real(z.H @ A @ z), conj(z)) == (A + A.H) @ z / 2", Az, "real part of a form"),
    # -- scalars -------------------------------------------------------------------------------
    ("c-abs2", "d(abs(c) ** 2, c) == conj(c)", C, "Wirtinger: |c|² = c c-bar"),
    ("c-abs2-conj", "d(abs(c) ** 2, conj(c)) == c", C, "Wirtinger"),
    ("c-abs", "d(abs(c), c) == conj(c) / (2 * abs(c))", C, "Wirtinger"),
    ("c-c2cbar", "d(c * conj(c) * c, c) == 2 * c * conj(c)", C, "product rule, c-bar constant"),
    ("c-c3", "d(c ** 3, c) == 3 * c ** 2", C, "holomorphic: ordinary derivative"),
    ("c-c3-conj", "d(c ** 3, conj(c)) == 0", C, "holomorphic: Cauchy-Riemann"),
    # -- determinants --------------------------------------------------------------------------
    ("c-det", "d(det(Z), Z) == det(Z) * inv(Z).T", ZI, "Cookbook eq. 49 over C"),
    ("c-det-conj", "d(det(Z), conj(Z)) == zeros(n, n)", ZI, "holomorphic"),
    ("c-logabsdet", "d(log(abs(det(Z))), Z) == inv(Z).T / 2", ZI, "log|det Z| = (log det Z + conj) / 2"),
    ("c-logabsdet-conj", "d(log(abs(det(Z))), conj(Z)) == inv(Z).H / 2", ZI, "real f: conj of the Z-derivative"),
    # -- Jacobians and differentials -------------------------------------------------------------
    ("c-jac-Az", "jac(A @ z, z) == A", Amz, "holomorphic"),
    ("c-jac-Aconjz", "jac(A @ conj(z), conj(z)) == A", Amz, "anti-holomorphic"),
    ("c-jac-Aconjz-z", "jac(A @ conj(z), z) == zeros(m, n)", Amz, "anti-holomorphic"),
    ("c-jac-conj", "jac(conj(z), conj(z)) == I(n)", "z: n complex", "Wirtinger"),
    ("c-dif-zHz", "differential(z.H @ z, z, dz) == dz.H @ z + z.H @ dz", "z: n complex; dz: n complex", "product rule"),
    (
        "c-dif-ZZH",
        "differential(tr(Z @ Z.H), Z, dZ) == tr(dZ @ Z.H) + tr(Z @ dZ.H)",
        "Z: m x n complex; dZ: m x n complex",
        "product rule",
    ),
    (
        "c-dif-wirtinger",
        "differential(abs(c) ** 2, c, dc) == d(abs(c) ** 2, c) * dc + d(abs(c) ** 2, conj(c)) * conj(dc)",
        "c: scalar complex; dc: scalar complex",
        "df = f_z dz + f_z-bar dz-bar",
    ),
    (
        "c-dif-wirtinger-matrix",
        "differential(tr(Z.H @ A @ Z), Z, dZ) == tr(d(tr(Z.H @ A @ Z), Z).T @ dZ)"
        " + tr(d(tr(Z.H @ A @ Z), conj(Z)).T @ conj(dZ))",
        "A: m x m complex; Z: m x n complex; dZ: m x n complex",
        "df = tr(f_Z^T dZ) + tr(f_Z-bar^T dZ-bar)",
    ),
    (
        "c-lms",
        "d(abs(s - w.H @ x) ** 2, conj(w)) == -x * conj(s - w.H @ x)",
        LMS,
        "LMS: the complex gradient is twice this (Cookbook eq. 89 context)",
    ),
    # -- algebra of .H and conj ------------------------------------------------------------------
    ("c-H-product", "(A @ B).H == B.H @ A.H", "A: m x n complex; B: n x p complex", "algebra"),
    ("c-H-inv", "inv(Z).H == inv(Z.H)", ZI, "algebra"),
    ("c-det-H", "det(Z.H) == conj(det(Z))", "Z: n x n complex", "algebra"),
    ("c-tr-H", "tr(Z.H) == conj(tr(Z))", "Z: n x n complex", "algebra"),
    ("c-abs2-prod", "abs(c) ** 2 == c * conj(c)", C, "algebra"),
    ("c-real-parts", "real(Z) == (Z + conj(Z)) / 2", "Z: m x n complex", "entrywise"),
    ("c-H-real", "A.H == A.T", "A: m x n", ".H of a real matrix is .T"),
    ("c-herm", "A.H == A", "A: n x n complex hermitian", "assumption"),
    ("c-csym", "A.T == A", "A: n x n complex symmetric", "assumption: complex symmetric"),
    # -- real variables in a complex identity ----------------------------------------------------
    ("c-real-var", "d(tr(A @ X), X) == A.T", "A: n x m complex; X: m x n", "ordinary derivative, complex value"),
    ("c-real-var-quad", "d(x.T @ A @ x, x) == (A + A.T) @ x", "x: n; A: n x n complex", "Cookbook eq. 81"),
]

WRONG_COMPLEX = [
    # -- a non-holomorphic function differentiated as if it were holomorphic --------------------
    ("cw-zHAz-holo", "d(z.H @ A @ z, z) == A @ z", Az, "z.H treated as a constant"),
    ("cw-zHAz-realcase", "d(z.H @ A @ z, conj(z)) == (A + A.H) @ z", Az, "the real formula (A + A.T)x with H"),
    ("cw-abs2-real", "d(abs(c) ** 2, c) == 2 * conj(c)", C, "real calculus: d|x|²/dx = 2x"),
    ("cw-abs2-c", "d(abs(c) ** 2, c) == c", C, "conj in the wrong place"),
    ("cw-abs2-conj", "d(abs(c) ** 2, conj(c)) == conj(c)", C, "conj in the wrong place"),
    ("cw-abs2-zero", "d(abs(c) ** 2, c) == 0", C, "'not holomorphic, so no derivative'"),
    ("cw-c2cbar-holo", "d(c * conj(c) * c, c) == 3 * c ** 2", C, "conj(c) treated as c"),
    ("cw-c3-conj", "d(c ** 3, conj(c)) == 3 * conj(c) ** 2", C, "holomorphic f has zero Z-bar derivative"),
    ("cw-trAZH-holo", "d(tr(A @ Z.H), Z) == conj(A)", AZ, "Z.H treated as holomorphic"),
    ("cw-dif-holo", "differential(z.H @ z, z, dz) == 2 * z.H @ dz", "z: n complex; dz: n complex", "holomorphic"),
    (
        "cw-dif-abs2",
        "differential(abs(c) ** 2, c, dc) == 2 * conj(c) * dc",
        "c: scalar complex; dc: scalar complex",
        "holomorphic",
    ),
    # -- Zᵀ for Zᴴ, and the other way round --------------------------------------------------------
    ("cw-trAZ-H", "d(tr(A @ Z), Z) == A.H", AZ, "H for T"),
    ("cw-trAZH-T", "d(tr(A @ Z.H), conj(Z)) == A.T", AZ, "T for no transpose"),
    ("cw-trAZH-conj", "d(tr(A @ Z.H), conj(Z)) == conj(A)", AZ, "conj too many"),
    ("cw-det-H", "d(det(Z), Z) == det(Z) * inv(Z).H", ZI, "H for T"),
    ("cw-aHZb-T", "d(a.H @ Z @ b, Z) == conj(a) @ b.H", "a: m complex; Z: m x n complex; b: n complex", "H for T"),
    ("cw-aHZb-noconj", "d(a.H @ Z @ b, Z) == a @ b.T", "a: m complex; Z: m x n complex; b: n complex", "conj lost"),
    (
        "cw-aHZb-real",
        "d(a.H @ Z @ b, Z) == a @ b.H",
        "a: m complex; Z: m x n complex; b: n complex",
        "real formula with H",
    ),
    ("cw-jac-H", "jac(A @ z, z) == A.H", Amz.replace("m x n", "n x n"), "H for nothing"),
    ("cw-H-product-order", "(A @ B).H == A.H @ B.H", "A: n x n complex; B: n x n complex", "order kept"),
    ("cw-H-product-T", "(A @ B).H == B.T @ A.T", "A: m x n complex; B: n x p complex", "T for H"),
    ("cw-H-inv-T", "inv(Z).H == inv(Z.T)", ZI, "T for H"),
    ("cw-det-H-noconj", "det(Z.H) == det(Z)", "Z: n x n complex", "conj lost"),
    ("cw-tr-H", "tr(Z.H) == tr(Z)", "Z: n x n complex", "conj lost"),
    ("cw-real-H", "real(Z) == (Z + Z.H) / 2", "Z: n x n complex", "H for conj"),
    ("cw-zHAz-herm-T", "d(z.H @ A @ z, z) == A @ conj(z)", AzH, "A Hermitian is not A symmetric"),
    ("cw-ZHAZ-conj-H", "d(tr(Z.H @ A @ Z), conj(Z)) == A.H @ Z", "A: m x m complex; Z: m x n complex", "H too many"),
    ("cw-ZHAZ-noT", "d(tr(Z.H @ A @ Z), Z) == A @ conj(Z)", "A: m x m complex; Z: m x n complex", "T lost"),
    ("cw-trZ2-H", "d(tr(Z @ Z), Z) == 2 * Z.H", "Z: n x n complex", "H for T"),
    ("cw-trinv-H", "d(tr(inv(Z)), Z) == -(inv(Z) @ inv(Z)).H", ZI, "H for T"),
    ("cw-real-var-H", "d(tr(A @ X), X) == A.H", "A: n x m complex; X: m x n", "H for T with a real variable"),
    # -- the factor 2 (or ½) -------------------------------------------------------------------------
    ("cw-ZZH-2", "d(tr(Z @ Z.H), Z) == 2 * conj(Z)", "Z: m x n complex", "real calculus factor 2"),
    ("cw-ZZH-conj-2", "d(tr(Z @ Z.H), conj(Z)) == 2 * Z", "Z: m x n complex", "the complex gradient, not ∂/∂Z-bar"),
    ("cw-zHAz-herm-2", "d(z.H @ A @ z, conj(z)) == 2 * A @ z", AzH, "the complex gradient, not ∂/∂z-bar"),
    ("cw-logabsdet-noHalf", "d(log(abs(det(Z))), Z) == inv(Z).T", ZI, "½ lost"),
    ("cw-logabsdet-conj-T", "d(log(abs(det(Z))), conj(Z)) == inv(Z).T / 2", ZI, "conj lost"),
    ("cw-re-trAZ-noHalf", "d(real(tr(A @ Z)), Z) == A.T", AZ, "½ lost"),
    ("cw-re-trAZ-conj-noHalf", "d(real(tr(A @ Z)), conj(Z)) == A.H", AZ, "½ lost"),
    ("cw-abs-noHalf", "d(abs(c), c) == conj(c) / abs(c)", C, "½ lost"),
    ("cw-abs-noconj", "d(abs(c), c) == c / (2 * abs(c))", C, "conj lost"),
    ("cw-hadamard-2", "d(sum(Z * conj(Z)), Z) == 2 * conj(Z)", "Z: m x n complex", "real calculus factor 2"),
    ("cw-trreal-noHalf", "d(tr(real(Z)), Z) == I(n)", "Z: n x n complex", "½ lost"),
    ("cw-re-zHAz-noHalf", "d(real(z.H @ A @ z), conj(z)) == (A + A.H) @ z", Az, "½ lost"),
    (
        "cw-lms-2",
        "d(abs(s - w.H @ x) ** 2, conj(w)) == -2 * x * conj(s - w.H @ x)",
        LMS,
        "complex gradient for ∂/∂w-bar",
    ),
    ("cw-lms-conj", "d(abs(s - w.H @ x) ** 2, conj(w)) == -x * (s - w.H @ x)", LMS, "conj lost"),
    ("cw-lms-w", "d(abs(s - w.H @ x) ** 2, w) == -x * conj(s - w.H @ x)", LMS, "∂/∂w for ∂/∂w-bar"),
    (
        "cw-dif-ZZH-2",
        "differential(tr(Z @ Z.H), Z, dZ) == 2 * tr(dZ @ Z.H)",
        "Z: m x n complex; dZ: m x n complex",
        "holomorphic",
    ),
    (
        "cw-dif-half",
        "differential(abs(c) ** 2, c, dc) == d(abs(c) ** 2, c) * dc",
        "c: scalar complex; dc: scalar complex",
        "the Z-bar term lost",
    ),
    (
        "cw-dif-matrix-half",
        "differential(tr(Z @ Z.H), Z, dZ) == tr(d(tr(Z @ Z.H), Z).T @ dZ)",
        "Z: m x n complex; dZ: m x n complex",
        "the Z-bar term lost",
    ),
    # -- conj in the wrong place, and holomorphic facts mixed up -----------------------------------
    ("cw-trAZ-conjvar", "d(tr(A @ Z), conj(Z)) == A.T", AZ, "∂/∂Z-bar of a holomorphic f is 0"),
    ("cw-trAconjZ", "d(tr(A @ conj(Z)), Z) == conj(A).T", AZ, "conj moved onto A"),
    ("cw-trAZ-noT", "d(tr(A @ Z), Z) == A", AZ, "T lost"),
    ("cw-det-conjdet", "d(det(Z), Z) == conj(det(Z)) * inv(Z).T", ZI, "conj on det"),
    ("cw-det-conjvar", "d(det(Z), conj(Z)) == det(Z) * inv(Z).T", ZI, "∂/∂Z-bar of a holomorphic f is 0"),
    ("cw-jac-conjvar", "jac(A @ z, conj(z)) == A", Amz, "∂/∂z-bar of a holomorphic f is 0"),
    ("cw-jac-Aconjz-conjA", "jac(A @ conj(z), conj(z)) == conj(A)", Amz, "conj moved onto A"),
    ("cw-jac-Aconjz-z", "jac(A @ conj(z), z) == A", Amz, "anti-holomorphic treated as holomorphic"),
    ("cw-jac-conj-z", "jac(conj(z), z) == I(n)", "z: n complex", "anti-holomorphic treated as holomorphic"),
    ("cw-zTAz-2A", "d(z.T @ A @ z, z) == 2 * A @ z", Az, "A taken as symmetric"),
    ("cw-real-var-quad", "d(x.T @ A @ x, x) == 2 * A @ x", "x: n; A: n x n complex", "A taken as symmetric"),
    ("cw-abs2-cc", "abs(c) ** 2 == c * c", C, "c² for |c|²"),
    ("cw-herm-T", "A.T == A", "A: n x n complex hermitian", "Hermitian is not symmetric"),
    ("cw-csym-H", "A.H == A", "A: n x n complex symmetric", "complex symmetric is not Hermitian"),
]

MALFORMED_COMPLEX = [
    # (identity, where, message fragment, column)
    ("log(c) == c", C, "log needs a real argument", 4),
    ("sqrt(c) == c", C, "sqrt needs a real argument", 5),
    ("logdet(Z) == c", "Z: n x n complex; c: scalar complex", "logdet needs a real argument", 7),
    ("exp(c) == c", C, "exp of a complex argument is not supported yet", 4),
    ("norm(z) == abs(c)", "z: n complex; c: scalar complex", "norm of a complex array", 5),
    ("c ** 0.5 == c", C, "a fractional power of a complex value", 0),
    ("abs(z) == z", "z: n complex", "abs takes a scalar", 4),
    ("conj(A @ A) == A", "A: m x n complex", "'@' needs matching inner sizes", 5),
    ("real(A + B) == A", "A: m x n complex; B: n x m complex", "'+' needs equal shapes", 5),
    ("Z == Z", "Z: n x n complex spd", "cannot be declared spd", 0),
    ("Z == Z", "Z: n x n complex orthogonal", "cannot be declared orthogonal", 0),
    ("X == X", "X: n x n hermitian", "is hermitian but real", 0),
    ("z == z", "z: n complex hermitian", "is not a square matrix", 0),
    ("Z == Z", "Z: n x n complx", "unknown assumption 'complx'", 9),
    ("d(f, conj(x)) == x", "x: n; f: scalar", "needs a complex symbol", 5),
    ("hess(real(z.H @ z), z) == I(n)", "z: n complex", "hess with complex values is not supported yet", 0),
    ("dsym(real(tr(Z)), Z) == I(n)", "Z: n x n complex", "dsym with complex values is not supported yet", 0),
    ("d(d(abs(c) ** 2, c), conj(c)) == 1", C, "a derivative of a derivative with complex values", 0),
    (
        "differential(abs(c) ** 2, conj(c), dc) == 0",
        "c: scalar complex; dc: scalar complex",
        "differential takes the symbol itself",
        26,
    ),
    ("jac(Z @ a, conj(Z)) == Z", "Z: n x n complex; a: n complex", "write vec(conj(Z))", 11),
    ("Z.X == Z", "Z: n x n complex", "'.X' is not allowed", 0),
    ("c == 1j", C, "complex literals are not allowed", 5),
    ("d(abs(c) ** 2, conj(2 * c)) == c", C, "differentiates by a declared symbol", 15),
]
