import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TicketUrgency } from '@passerelle/contracts';

/** A kind of request people choose in the form; administrators edit them. `fields` is CategoryField[] as JSON. */
@Entity('support_categories')
export class SupportCategoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  description: string;

  /** CategoryField[] as JSON. */
  @Column({ type: 'text', default: '[]' })
  fields: string;

  @Column({ name: 'default_urgency', type: 'varchar', length: 16, default: 'normal' })
  defaultUrgency: TicketUrgency;

  /** Hidden from the form; tickets filed under it keep it. */
  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
