/** Passed or failed in words (never colour alone), and whether a failure is a regression. */
export function OutcomeBadges({ passed, regression }: { passed: boolean; regression: boolean }) {
  return (
    <>
      <span class={`badge ${passed ? "badge-ready" : "badge-failed"}`} data-testid="outcome">
        {passed ? "Passed" : "Failed"}
      </span>
      {regression && (
        <>
          {" "}
          <span class="badge badge-regression" data-testid="regression">
            Regression: passed before
          </span>
        </>
      )}
    </>
  );
}
