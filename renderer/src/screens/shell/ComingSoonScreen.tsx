import { PageHeading } from '../../components/PageHeading';

/** A screen that is not built yet says so plainly, under its own heading. */
export function ComingSoonScreen({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title} />
      <p className="lead">This part of Palisade is coming soon.</p>
    </>
  );
}
