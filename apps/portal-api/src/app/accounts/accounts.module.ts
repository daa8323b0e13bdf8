import { Module } from '@nestjs/common';
import { PasswordHasher } from '../../infra/crypto/password-hasher';
import { AuditModule } from '../audit/audit.module';
import { AccountsService } from './accounts.service';
import { SecondFactorModule } from './second-factor/second-factor.module';

@Module({
  imports: [AuditModule, SecondFactorModule],
  providers: [AccountsService, PasswordHasher],
  exports: [AccountsService, PasswordHasher, SecondFactorModule],
})
export class AccountsModule {}
