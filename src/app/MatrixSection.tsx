import { ReviewMatrixView } from '../views/matrix/ReviewMatrix';

/** The review matrix, between the controls and the views, while its toggle in the control bar is on. */
export function MatrixSection({ onClose }: { onClose(): void }) {
  return (
    <section className="matrix-section" aria-labelledby="matrix-title" id="review-matrix">
      <div className="matrix-section-head">
        <h2 id="matrix-title">Review matrix: every scenario under every kernel</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ReviewMatrixView active />
    </section>
  );
}
