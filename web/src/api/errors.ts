// The API's error envelope (PRODUCT.md §7), as the console shows it.

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly requestId = "",
  ) {
    super(message);
  }

  // The problem with one field, for the message under its input.
  forField(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }

  // What to show above a form: the message, unless every problem is shown
  // next to its field.
  get summary(): string {
    if (this.code === "VERSION_CONFLICT") {
      return "Someone else changed this record since you opened it. Reload to see their changes, then make yours again.";
    }
    if (this.status === 0) return "The server cannot be reached. Check your connection and try again.";
    if (this.status === 429) return "Too many requests: wait a moment and try again.";
    return this.message;
  }
}

export async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: FieldProblem[]; request_id?: string };
    };
    const e = body.error ?? {};
    return new ApiError(response.status, e.code ?? "UNKNOWN", e.message ?? response.statusText, e.details ?? [],
                        e.request_id ?? "");
  } catch {
    return new ApiError(response.status, "UNKNOWN", `${response.status} ${response.statusText}`);
  }
}
