import type { ComponentType } from 'react';
import type { NotificationEvent } from '../../src/config';
import type { TicketEmailProps } from './email-context';
import { templates } from '../index';

type WithPreview = ComponentType<TicketEmailProps> & { PreviewProps: TicketEmailProps };

/** Every template with its preview props: what the preview server shows, the export writes and the tests check. */
export function allPreviews(): { event: NotificationEvent; file: string; Template: WithPreview; props: TicketEmailProps }[] {
  return (Object.entries(templates) as [NotificationEvent, WithPreview][]).map(([event, Template]) => ({
    event,
    file: event.replace(/_/g, '-'),
    Template,
    props: Template.PreviewProps,
  }));
}
