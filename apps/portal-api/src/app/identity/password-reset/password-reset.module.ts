import { Module } from '@nestjs/common';
import { MailModule } from '../../../infra/mail/mail.module';
import { AccountsModule } from '../../accounts/accounts.module';
import { SecondFactorModule } from '../../accounts/second-factor/second-factor.module';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../identity.module';
import { ThrottleModule } from '../throttle/throttle.module';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';

@Module({
  imports: [AccountsModule, SecondFactorModule, AuditModule, MailModule, ThrottleModule, IdentityModule],
  controllers: [PasswordResetController],
  providers: [PasswordResetService],
  exports: [PasswordResetService],
})
export class PasswordResetModule {}
