// Adds DOM matchers (toBeInTheDocument, …) for renderer tests; harmless in node tests.
import '@testing-library/jest-dom/vitest';
