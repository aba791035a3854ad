// The JSON API of this server: one GET helper that turns an error answer into its message.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export async function getJSON(path, params, { signal } = {}) {
  const query = params ? params.toString() : "";
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { Accept: "application/json" },
    signal,
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    const problems = body && Array.isArray(body.problems) ? body.problems : [];
    const more = problems.map((p) => (typeof p === "string" ? p : p.message || p.msg || "")).filter(Boolean);
    throw new ApiError(more.length ? `${detail}: ${more.join("; ")}` : detail, response.status);
  }
  return body;
}
