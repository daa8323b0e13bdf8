import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Global: any feature may send mail (reset links, activation links, alerts). */
@Global()
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}
