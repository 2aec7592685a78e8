import { PageHeading } from '../../components/PageHeading';
import { T } from '../../i18n/use-t';

/** A screen that is not built yet says so plainly, under its own heading. */
export function ComingSoonScreen({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title} />
      <p className="lead">
        <T id="shell.comingSoon.lead" />
      </p>
    </>
  );
}
